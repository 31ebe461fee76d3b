// Scalekit proxy transport: Gong calls go through `actions.request` of `@scalekit-sdk/node`,
// keyed by connection name + identifier, with Gong's own paths (/v2/...). It returns every
// answer as {status, headers, text} like the direct transport; pacing, retries, error mapping
// and JSON parsing stay in the shared pipeline above it (GongClient).
//
// SDK facts this relies on (scalekit.md §5): `request()` never fetches a Scalekit token, so the
// first call is preceded by `getConnectedAccount` (a gRPC call, which does fetch one) and a
// non-Gong 401 triggers one re-authentication; non-2xx answers are thrown as exceptions whose
// status must be recovered (scalekit-errors.ts) unless raw responses are on (scalekit-client.ts).
import { openAsBlob } from 'node:fs';
import { DEFAULT_TIMEOUT_MS } from '../config/defaults.js';
import type { ScalekitActionsLike } from './scalekit-actions.js';
import {
  AbortedError,
  AuthRequiredError,
  ConfigurationError,
  ConnectionError,
  GongError,
  ResponseTooLargeError,
  TimeoutError,
  gongErrorBody,
} from '../http/errors.js';
import { parseJson, stringifyJson } from '../http/json.js';
import { accountStatusOf, controlPlaneError, type AccountStatus } from './scalekit-account.js';
import { classifySdkError } from './scalekit-errors.js';
import { formatQuery, type Transport, type TransportRequest, type TransportResponse } from './types.js';

export interface ScalekitTransportOptions {
  actions: ScalekitActionsLike;
  connectionName: string;
  identifier: string;
  /** For describe() and companyKey(); undefined when an `actions` object was injected without one. */
  environmentUrl?: string | undefined;
  /** Force a fresh Scalekit token. Default: another `getConnectedAccount`, whose gRPC retry re-authenticates. */
  reauthenticate?: (() => Promise<void>) | undefined;
  /** What the SDK client cannot do here (scalekit-client.ts), reported by limitations(). */
  limitations?: readonly string[] | undefined;
}

type RequestParams = Parameters<ScalekitActionsLike['request']>[0];

export class ScalekitTransport implements Transport {
  readonly kind = 'scalekit';
  private primed: Promise<void> | undefined;
  private reauthenticating: Promise<void> | undefined;
  private link: string | undefined;
  // A native private field: util.inspect and JSON.stringify never reach the SDK client (and its secret).
  readonly #options: ScalekitTransportOptions;

  constructor(options: ScalekitTransportOptions) {
    this.#options = options;
  }

  toJSON(): { kind: string; transport: string } {
    return { kind: this.kind, transport: this.describe() };
  }

  describe(): string {
    const limited = this.limitations().length > 0 ? '; limited, see `gong-connector auth status`' : '';
    return `scalekit ${this.#options.environmentUrl ?? '(injected actions)'} (connection ${this.#options.connectionName}, identifier ${this.#options.identifier}${limited})`;
  }

  limitations(): string[] {
    return [...(this.#options.limitations ?? [])];
  }

  companyKey(): string {
    return `scalekit:${this.#options.environmentUrl ?? 'injected'}#${this.#options.connectionName}#${this.#options.identifier}`;
  }

  /** The last authorization link fetched (for hints on Gong's own 401/403 answers). */
  authorizationLink(): string | undefined {
    return this.link;
  }

  /** The connected account's status; also obtains the SDK's token (the gRPC path authenticates). */
  async accountStatus(): Promise<AccountStatus> {
    try {
      return accountStatusOf(await this.#options.actions.getConnectedAccount(this.key()));
    } catch (error) {
      if (isNotFound(error)) return 'NOT_FOUND';
      throw controlPlaneError(error, `the connected-account lookup for '${this.#options.identifier}'`);
    }
  }

  /** A fresh authorization link for the user to connect (or reconnect) Gong. */
  async fetchAuthorizationLink(): Promise<string | undefined> {
    try {
      const { link } = await this.#options.actions.getAuthorizationLink(this.key());
      if (typeof link === 'string' && link !== '') this.link = link;
      return this.link;
    } catch (error) {
      throw controlPlaneError(error, 'the authorization-link request');
    }
  }

  async send(req: TransportRequest): Promise<TransportResponse> {
    await this.prime();
    let response = await this.attempt(req);
    if (response.status === 401 && !isGongShaped(response.text)) {
      await this.reauthenticate();
      response = await this.attempt(req);
    }
    if (response.status === 401 || response.status === 403) {
      if (!isGongShaped(response.text)) throw await this.notConnected(response, req);
      // Gong's own refusal (e.g. a missing scope): the pipeline maps it; the link goes into its hint.
      await this.fetchAuthorizationLink().catch(() => undefined);
    }
    return response;
  }

  private key(): { connectionName: string; identifier: string } {
    return { connectionName: this.#options.connectionName, identifier: this.#options.identifier };
  }

  // Once per transport (again after a failure): obtain the token and check the account is ACTIVE.
  private prime(): Promise<void> {
    this.primed ??= this.requireActive().catch((error: unknown) => {
      this.primed = undefined;
      throw error;
    });
    return this.primed;
  }

  private async requireActive(): Promise<void> {
    const status = await this.accountStatus();
    if (status !== 'ACTIVE') throw await this.authRequired(status);
  }

  private reauthenticate(): Promise<void> {
    const run = this.#options.reauthenticate ?? (() => this.requireActive());
    this.reauthenticating ??= run()
      .catch((error: unknown) => {
        throw error instanceof GongError ? error : controlPlaneError(error, 're-authentication with Scalekit');
      })
      .finally(() => {
        this.reauthenticating = undefined;
      });
    return this.reauthenticating;
  }

  private async authRequired(status: AccountStatus, extra?: { response: TransportResponse; req: TransportRequest }): Promise<AuthRequiredError> {
    let link: string | undefined;
    try {
      link = await this.fetchAuthorizationLink();
    } catch {
      link = undefined;
    }
    const who = `The Gong connection '${this.#options.connectionName}' for identifier '${this.#options.identifier}'`;
    const state = status === 'NOT_FOUND' ? 'does not exist in Scalekit' : status === 'ACTIVE' ? 'was refused by the Scalekit proxy' : `is ${status} in Scalekit`;
    const init = {
      message: `${who} ${state}${extra ? ` (${extra.response.status} for ${extra.req.method} ${extra.req.path})` : ''}.`,
      status: extra?.response.status,
      errors: extra ? gongErrorBody(safeParse(extra.response.text)).errors.map((e) => e.slice(0, 200)) : undefined,
      method: extra?.req.method,
      path: extra?.req.path,
      authorizationLink: link,
    };
    return link
      ? new AuthRequiredError(init)
      : new AuthRequiredError({ ...init, hint: 'Create an authorization link with `gong-connector auth connect` (Scalekit getAuthorizationLink) and have the user open it, then retry.' });
  }

  // A 401/403 that Gong did not write: the connection is missing, expired or revoked.
  private async notConnected(response: TransportResponse, req: TransportRequest): Promise<AuthRequiredError> {
    let status: AccountStatus = 'ACTIVE';
    try {
      status = await this.accountStatus();
    } catch {
      // The lookup failing too still leaves the user one action: reconnect.
    }
    this.primed = undefined;
    return this.authRequired(status, { response, req });
  }

  private async attempt(req: TransportRequest): Promise<TransportResponse> {
    if (req.signal?.aborted) throw aborted(req);
    const params = await this.params(req);
    const pending = this.#options.actions.request(params);
    let result: Awaited<typeof pending>;
    try {
      result = await raceAbort(pending, req.signal, () => aborted(req));
    } catch (error) {
      if (error instanceof GongError) throw error;
      return this.fromException(error, req);
    }
    const text = bodyText(result.data);
    if (req.maxResponseBytes !== undefined && Buffer.byteLength(text) > req.maxResponseBytes) throw tooLarge(req, req.maxResponseBytes);
    return { status: result.status, headers: lowerCaseHeaders(result.headers), text };
  }

  private async params(req: TransportRequest): Promise<RequestParams> {
    const headers: Record<string, string> = { ...req.headers, accept: 'application/json' };
    let path = req.path;
    const params: RequestParams = { ...this.key(), path, method: req.method, headers };
    const keys = new Set(req.query.map(([k]) => k));
    if (keys.size === req.query.length) {
      if (req.query.length > 0) params.queryParams = Object.fromEntries(req.query);
    } else {
      // axios would write repeated keys as key[]=a&key[]=b, which Gong does not read.
      path += formatQuery(req.query);
      params.path = path;
    }
    if (req.body?.kind === 'json') {
      // Gong's JSON text, not an object: axios sends a JSON string body as-is, so int64
      // literals beyond 2^53 keep every digit (parsing it here would round them).
      headers['content-type'] = 'application/json';
      params.body = req.body.text;
    } else if (req.body?.kind === 'multipart') {
      const form = new FormData();
      form.set(req.body.field, await openAsBlob(req.body.filePath, { type: req.body.contentType }), req.body.fileName);
      params.formData = form;
    }
    if (req.timeoutMs !== undefined) params.timeoutMs = req.timeoutMs;
    return params;
  }

  private fromException(error: unknown, req: TransportRequest): TransportResponse {
    const failure = classifySdkError(error);
    const where = `${req.method} ${req.path}`;
    switch (failure.kind) {
      case 'response':
        if (req.maxResponseBytes !== undefined && Buffer.byteLength(failure.text) > req.maxResponseBytes) throw tooLarge(req, req.maxResponseBytes);
        return { status: failure.status, headers: {}, text: failure.text };
      case 'timeout':
        throw new TimeoutError({
          message: `Gong (through Scalekit) did not answer ${where} within ${req.timeoutMs ?? DEFAULT_TIMEOUT_MS} ms.`,
          method: req.method, path: req.path, reached: true,
          hint: 'Retry later or raise timeoutMs; reads are retried automatically.',
        });
      case 'cancelled':
        throw aborted(req);
      case 'too_large':
        throw tooLarge(req, req.maxResponseBytes);
      case 'network':
        throw new ConnectionError({
          message: `The connection to Scalekit failed during ${where}${failure.code ? ` (${failure.code})` : ''}.`,
          method: req.method, path: req.path,
          reached: !(failure.code === 'ECONNREFUSED' || failure.code === 'ENOTFOUND' || failure.code === 'EAI_AGAIN'),
          hint: 'Check SCALEKIT_ENVIRONMENT_URL and the network, then retry; reads are retried automatically.',
        });
      case 'credentials':
        throw controlPlaneError(error, where);
      case 'invalid':
        throw new ConfigurationError({ message: `The Scalekit SDK refused ${where}: ${failure.reason}.`, method: req.method, path: req.path });
      default:
        throw error;
    }
  }
}

function isNotFound(error: unknown): boolean {
  return (error as { name?: unknown }).name === 'ScalekitNotFoundException';
}

/** Gong's error bodies are `{requestId, errors[]}`; Scalekit's own are not. */
export function isGongShaped(text: string): boolean {
  const body = safeParse(text);
  if (body === null || typeof body !== 'object') return false;
  const record = body as Record<string, unknown>;
  return typeof record.requestId === 'string' || Array.isArray(record.errors);
}

function safeParse(text: string): unknown {
  try {
    return text.trim() === '' ? undefined : parseJson(text);
  } catch {
    return undefined;
  }
}

function bodyText(data: unknown): string {
  if (data === undefined || data === null) return '';
  if (typeof data === 'string') return data;
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  // Parsed by axios already (raw responses unavailable): big integers may have lost digits.
  return stringifyJson(data);
}

function lowerCaseHeaders(headers: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (headers === null || typeof headers !== 'object') return out;
  // AxiosHeaders exposes its plain form through toJSON().
  const plain = typeof (headers as { toJSON?: unknown }).toJSON === 'function'
    ? ((headers as { toJSON(): unknown }).toJSON() as Record<string, unknown>)
    : (headers as Record<string, unknown>);
  for (const [k, v] of Object.entries(plain)) {
    if (v === undefined || v === null) continue;
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
  }
  return out;
}

function aborted(req: TransportRequest): AbortedError {
  return new AbortedError({ message: `The request ${req.method} ${req.path} was cancelled.`, method: req.method, path: req.path });
}

function tooLarge(req: TransportRequest, max: number | undefined): ResponseTooLargeError {
  return new ResponseTooLargeError({
    message: `Gong's response to ${req.method} ${req.path} exceeded ${max ?? 'the configured'} bytes and was refused.`,
    method: req.method, path: req.path,
    hint: 'Narrow the request (fewer ids or a shorter date range) or raise maxResponseBytes.',
  });
}

// actions.request takes no AbortSignal: stop waiting on abort (the SDK's own timeout ends the socket).
function raceAbort<T>(pending: Promise<T>, signal: AbortSignal | undefined, onAbort: () => Error): Promise<T> {
  if (!signal) return pending;
  pending.catch(() => undefined);
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(onAbort());
    signal.addEventListener('abort', abort, { once: true });
    pending.then(
      (value) => { signal.removeEventListener('abort', abort); resolve(value); },
      (error: unknown) => { signal.removeEventListener('abort', abort); reject(error); },
    );
  });
}

/** The resolved Scalekit settings (src/connection/scalekit-settings.ts). */
export interface ScalekitConnection {
  environmentUrl: string | undefined;
  connectionName: string;
  identifier: string;
  /** Present unless `actions` was injected. */
  client?: { clientId: string; clientSecret: string } | undefined;
  actions?: ScalekitActionsLike | undefined;
}

export interface ScalekitBuildOptions {
  timeoutMs: number;
  maxResponseBytes: number;
  /** The connector's debug sink (redacting); the SDK's limitations are said through it once. */
  debug?: ((line: string) => void) | undefined;
}

/** Build the Scalekit transport from resolved settings; makes no network call. */
export async function createScalekitTransport(settings: ScalekitConnection, options: ScalekitBuildOptions): Promise<ScalekitTransport> {
  if (settings.actions) {
    return new ScalekitTransport({ actions: settings.actions, connectionName: settings.connectionName, identifier: settings.identifier, environmentUrl: settings.environmentUrl });
  }
  const { createScalekitClient } = await import('./scalekit-client.js');
  const handle = await createScalekitClient({
    environmentUrl: settings.environmentUrl!,
    clientId: settings.client!.clientId,
    clientSecret: settings.client!.clientSecret,
    toolTimeoutMs: options.timeoutMs,
    maxResponseBytes: options.maxResponseBytes,
  });
  // Said once, when the transport is built; `auth status` reports it too.
  for (const limitation of handle.limitations) options.debug?.(`scalekit: ${limitation}`);
  return new ScalekitTransport({
    actions: handle.actions,
    connectionName: settings.connectionName,
    identifier: settings.identifier,
    environmentUrl: settings.environmentUrl,
    reauthenticate: handle.reauthenticate,
    limitations: handle.limitations,
  });
}
