// Scalekit proxy transport: Gong calls go through `actions.request` of `@scalekit-sdk/node`,
// keyed by connection name + identifier, with Gong's own paths (/v2/...). It returns every
// answer as {status, headers, text} like the direct transport, or a TransportFailure; pacing,
// retries, resends, the size cap, messages and JSON parsing stay in the shared pipeline above it
// (src/pipeline/client.ts).
//
// SDK facts this relies on (docs/scalekit.md#token-priming): `request()` never fetches a Scalekit token, so the
// first call is preceded by `getConnectedAccount` (a gRPC call, which does fetch one), and a
// non-Gong 401 is answered by refreshCredentials() (one re-authentication; the pipeline resends);
// non-2xx answers are thrown as exceptions whose status must be recovered (scalekit-errors.ts)
// unless raw responses are on (scalekit-client.ts).
import type { ScalekitActionsLike, ScalekitSettings } from './scalekit-actions.js';
import { AuthRequiredError, ConfigurationError, GongError, gongErrorBody } from '../http/errors.js';
import { stringifyJson, tryParseJson } from '../http/json.js';
import { formatQuery } from '../http/path.js';
import { lowerCaseHeaders, multipartForm, requestHeaders } from './common.js';
import { TransportFailure, type TransportProxy } from './failure.js';
import { accountStatusOf, controlPlaneError, type AccountStatus } from './scalekit-account.js';
import { classifySdkError } from './scalekit-errors.js';
import type { Transport, TransportRequest, TransportResponse } from './types.js';

/** Named in the pipeline's messages for failures between this machine and the proxy. */
const PROXY: TransportProxy = { name: 'Scalekit', setting: 'SCALEKIT_ENVIRONMENT_URL' };

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
  /** Leaves the Scalekit access token out of an answer that echoes it (scalekit-client.ts). */
  scrub?: ((text: string) => string) | undefined;
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

  /** One exchange through the proxy (after the account check, once per transport); never resent here. */
  async send(req: TransportRequest): Promise<TransportResponse> {
    await this.prime();
    return this.attempt(req);
  }

  /** A 401 the proxy wrote (not Gong): a fresh Scalekit token may help, once; the pipeline resends. */
  async refreshCredentials(response: TransportResponse): Promise<boolean> {
    if (isGongShaped(response.text)) return false;
    await this.reauthenticate();
    return true;
  }

  /**
   * A 401/403 the proxy wrote means the connection is missing, expired or revoked: auth_required
   * with the link. Gong's own refusal (e.g. a missing scope) is the pipeline's to map; the link
   * is fetched first so its hint can carry it.
   */
  async explainRefusal(response: TransportResponse, req: Pick<TransportRequest, 'method' | 'path'>): Promise<GongError | undefined> {
    if (!isGongShaped(response.text)) return this.notConnected(response, req);
    await this.fetchAuthorizationLink().catch(() => undefined);
    return undefined;
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

  private async authRequired(status: AccountStatus, extra?: { response: TransportResponse; req: Pick<TransportRequest, 'method' | 'path'> }): Promise<AuthRequiredError> {
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
      errors: extra ? gongErrorBody(tryParseJson(extra.response.text)).errors.map((e) => e.slice(0, 200)) : undefined,
      method: extra?.req.method,
      path: extra?.req.path,
      authorizationLink: link,
    };
    return link
      ? new AuthRequiredError(init)
      : new AuthRequiredError({ ...init, hint: 'Create an authorization link with `gong-connector auth connect` (Scalekit getAuthorizationLink) and have the user open it, then retry.' });
  }

  // A 401/403 that Gong did not write: the connection is missing, expired or revoked.
  private async notConnected(response: TransportResponse, req: Pick<TransportRequest, 'method' | 'path'>): Promise<AuthRequiredError> {
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
    if (req.signal?.aborted) throw new TransportFailure({ kind: 'aborted', proxy: PROXY });
    const params = await this.params(req);
    const pending = this.#options.actions.request(params);
    let result: Awaited<typeof pending>;
    try {
      result = await raceAbort(pending, req.signal);
    } catch (error) {
      if (error instanceof TransportFailure) throw error;
      return this.fromException(error, req);
    }
    const scrub = this.#options.scrub ?? ((text: string) => text);
    const headers = lowerCaseHeaders(result.headers);
    for (const [name, value] of Object.entries(headers)) headers[name] = scrub(value);
    return { status: result.status, headers, text: scrub(bodyText(result.data)) };
  }

  private async params(req: TransportRequest): Promise<RequestParams> {
    const params: RequestParams = { ...this.key(), path: req.path, method: req.method, headers: requestHeaders(req), timeoutMs: req.timeoutMs };
    const keys = new Set(req.query.map(([k]) => k));
    if (keys.size === req.query.length) {
      if (req.query.length > 0) params.queryParams = Object.fromEntries(req.query);
    } else {
      // axios would write repeated keys as key[]=a&key[]=b, which Gong does not read.
      params.path = req.path + formatQuery(req.query);
    }
    // Gong's JSON text, not an object: axios sends a JSON string body as-is, so int64
    // literals beyond 2^53 keep every digit (parsing it here would round them).
    if (req.body?.kind === 'json') params.body = req.body.text;
    else if (req.body?.kind === 'multipart') params.formData = await multipartForm(req.body, FormData);
    return params;
  }

  /** An SDK exception: an answer (any status) as a response, a wire failure as its facts. */
  private fromException(error: unknown, req: TransportRequest): TransportResponse {
    const failure = classifySdkError(error);
    const where = `${req.method} ${req.path}`;
    switch (failure.kind) {
      case 'response':
        return { status: failure.status, headers: {}, text: this.#options.scrub?.(failure.text) ?? failure.text };
      case 'timeout':
        return fail({ kind: 'timeout', cause: error });
      case 'cancelled':
        return fail({ kind: 'aborted', cause: error });
      case 'too_large':
        return fail({ kind: 'too_large', answered: true, cause: error });
      case 'network':
        return fail({ kind: 'network', code: failure.code, cause: error });
      case 'credentials':
        throw controlPlaneError(error, where);
      case 'invalid':
        throw new ConfigurationError({ message: `The Scalekit SDK refused ${where}: ${failure.reason}.`, method: req.method, path: req.path });
      default:
        throw error;
    }
  }
}

function fail(init: Omit<ConstructorParameters<typeof TransportFailure>[0], 'proxy'>): never {
  throw new TransportFailure({ ...init, proxy: PROXY });
}

function isNotFound(error: unknown): boolean {
  return (error as { name?: unknown }).name === 'ScalekitNotFoundException';
}

/** Gong's error bodies are `{requestId, errors[]}`; Scalekit's own are not. */
export function isGongShaped(text: string): boolean {
  const body = tryParseJson(text);
  if (body === null || typeof body !== 'object') return false;
  const record = body as Record<string, unknown>;
  return typeof record.requestId === 'string' || Array.isArray(record.errors);
}

function bodyText(data: unknown): string {
  if (data === undefined || data === null) return '';
  if (typeof data === 'string') return data;
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  // Parsed by axios already (raw responses unavailable): big integers may have lost digits.
  return stringifyJson(data);
}

// actions.request takes no AbortSignal: stop waiting on abort (the SDK's own timeout ends the socket).
function raceAbort<T>(pending: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return pending;
  pending.catch(() => undefined);
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(new TransportFailure({ kind: 'aborted', proxy: PROXY }));
    signal.addEventListener('abort', abort, { once: true });
    pending.then(
      (value) => { signal.removeEventListener('abort', abort); resolve(value); },
      (error: unknown) => { signal.removeEventListener('abort', abort); reject(error); },
    );
  });
}

/** What the connector has resolved for the transport already: nothing is defaulted here. */
export interface ScalekitBuildSettings {
  /** The per-request timeout (ms), also the SDK client's own timeout for proxied calls. */
  timeoutMs: number;
  /** The response size cap (bytes): axios stops reading there. */
  maxResponseBytes: number;
  /** Where the limitation line goes when the SDK cannot give raw answers (the debug sink). */
  debug?: ((line: string) => void) | undefined;
}

/** Build the Scalekit transport from settings resolved already (an injected client, or the SDK's). */
export async function buildScalekitTransport(settings: ScalekitSettings, resolved: ScalekitBuildSettings): Promise<ScalekitTransport> {
  if (settings.actions) {
    return new ScalekitTransport({ actions: settings.actions, connectionName: settings.connectionName, identifier: settings.identifier, environmentUrl: settings.environmentUrl });
  }
  const { createScalekitClient } = await import('./scalekit-client.js');
  const handle = await createScalekitClient({
    environmentUrl: settings.environmentUrl!,
    clientId: settings.client!.clientId,
    clientSecret: settings.client!.clientSecret,
    toolTimeoutMs: resolved.timeoutMs,
    maxResponseBytes: resolved.maxResponseBytes,
  });
  // Said once, when the transport is built; `auth status` reports it too.
  for (const limitation of handle.limitations) resolved.debug?.(`scalekit: ${limitation}`);
  return new ScalekitTransport({
    actions: handle.actions,
    connectionName: settings.connectionName,
    identifier: settings.identifier,
    environmentUrl: settings.environmentUrl,
    reauthenticate: handle.reauthenticate,
    limitations: handle.limitations,
    scrub: handle.scrub,
  });
}
