// The connector's error classes. One place maps statuses to classes (`errorFromResponse`),
// one place decides hints, and no error ever carries a credential: errors are built from
// status, Gong's `errors[]`, the request id and the request's method and path only, and every
// text field passes through the redaction guard (`redact.ts`) when the error is built and again
// when it is serialised. A foreign `cause` is replaced by a redacted copy of its name and message,
// so `util.inspect(error)` cannot reach a header or config object hanging off a library error.
import { channel } from 'node:diagnostics_channel';
import { redactText, redactValue } from './redact.js';

/** Published with every GongError built (observability; the test suite's canary scan listens). */
export const errorChannel = channel('gong-connector:error');

export type ErrorCode =
  | 'invalid_input'
  | 'unknown_tool'
  | 'auth_required'
  | 'authentication'
  | 'permission'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'budget_exceeded'
  | 'server'
  | 'connection'
  | 'timeout'
  | 'aborted'
  | 'response_too_large'
  | 'malformed_response'
  | 'api_error'
  | 'configuration'
  | 'internal';

export interface GongErrorInit {
  message: string;
  status?: number | undefined;
  errors?: readonly string[] | undefined;
  requestId?: string | undefined;
  tool?: string | undefined;
  method?: string | undefined;
  path?: string | undefined;
  hint?: string | undefined;
  field?: string | undefined;
  retryAfterMs?: number | undefined;
  authorizationLink?: string | undefined;
  /** For connection failures, timeouts and cancellations: whether the request may have reached Gong. */
  reached?: boolean | undefined;
  cause?: unknown;
}

/**
 * What a failed write did in Gong, as far as the connector knows (set on errors of requests that
 * write): `not_applied` — nothing changed, the same call may be sent again; `uncertain` — some of
 * it may have been applied, so `check` says how to find out before sending anything again;
 * `partly_applied` — some of it was applied and the rest was not (`batches` says which).
 */
export type WriteOutcome = 'not_applied' | 'uncertain' | 'partly_applied';

/** How to learn whether an uncertain write was applied. */
export interface WriteCheck {
  /** The read-only tool that shows it (absent when no tool reads it back). */
  tool?: string;
  /** The input to call that tool with. */
  input?: Record<string, unknown>;
  /** What to look for in its answer (or, without a tool, where to look). */
  look_for: string;
}

/** A batched write's items (the values of `input`) by what Gong did with the request that carried them. */
export interface BatchOutcomes {
  input: string;
  /** Sent and applied: do not send again. */
  applied: unknown[];
  /** Never applied: safe to send again. */
  not_applied: unknown[];
  /** Their request may have been applied: check (see `check`) before sending them again. */
  uncertain: unknown[];
}

/** The JSON form of every connector error (CLI stderr, MCP `isError` results, `toJSON`). */
export interface GongErrorJson {
  error: ErrorCode;
  message: string;
  status?: number;
  errors?: string[];
  request_id?: string;
  tool?: string;
  method?: string;
  path?: string;
  field?: string;
  hint?: string;
  retry_after?: number;
  authorization_link?: string;
  /** For a write: what it did in Gong (not_applied | uncertain | partly_applied). */
  outcome?: WriteOutcome;
  /** For an uncertain write: which tool, with which input, shows whether it was applied. */
  check?: WriteCheck;
  /** For a batched write: its items by outcome. */
  batches?: BatchOutcomes;
  /** The company's rate-limit state when the call failed (requests used and left today, waits). */
  rate_limit?: Record<string, unknown>;
}

export class GongError extends Error {
  readonly code: ErrorCode = 'api_error';
  readonly status: number | undefined;
  readonly errors: readonly string[];
  readonly requestId: string | undefined;
  tool: string | undefined;
  readonly method: string | undefined;
  readonly path: string | undefined;
  hint: string | undefined;
  readonly field: string | undefined;
  /** Set by the connector: the rate-limit state at the time of the failure. */
  rateLimit: Record<string, unknown> | undefined;
  /** Set for a write that failed (src/pipeline/failures.ts, src/dispatch/write-outcome.ts). */
  outcome: WriteOutcome | undefined;
  check: WriteCheck | undefined;
  batches: BatchOutcomes | undefined;

  constructor(init: GongErrorInit) {
    const cause = safeCause(init.cause);
    super(redactText(init.message), cause === undefined ? undefined : { cause });
    this.name = new.target.name;
    this.status = init.status;
    this.errors = (init.errors ?? []).map(redactText);
    this.requestId = optionalText(init.requestId);
    this.tool = optionalText(init.tool);
    this.method = optionalText(init.method);
    this.path = optionalText(init.path);
    this.hint = optionalText(init.hint);
    this.field = optionalText(init.field);
    if (this.stack) this.stack = redactText(this.stack);
    if (errorChannel.hasSubscribers) queueMicrotask(() => errorChannel.publish(this));
  }

  /** CLI exit code (docs/contracts.md#exit-codes): 2 input, 3 auth, 4 not found, 5 rate limited, 1 otherwise. */
  get exitCode(): number {
    return 1;
  }

  toJSON(): GongErrorJson {
    const json: GongErrorJson = { error: this.code, message: this.message };
    if (this.status !== undefined) json.status = this.status;
    if (this.errors.length > 0) json.errors = [...this.errors];
    if (this.requestId !== undefined) json.request_id = this.requestId;
    if (this.tool !== undefined) json.tool = this.tool;
    if (this.method !== undefined) json.method = this.method;
    if (this.path !== undefined) json.path = this.path;
    if (this.field !== undefined) json.field = this.field;
    if (this.hint !== undefined) json.hint = this.hint;
    if (this.outcome !== undefined) json.outcome = this.outcome;
    if (this.check !== undefined) json.check = this.check;
    if (this.batches !== undefined) json.batches = this.batches;
    if (this.rateLimit !== undefined) json.rate_limit = this.rateLimit;
    return redactValue(json) as GongErrorJson;
  }
}

function optionalText(value: string | undefined): string | undefined {
  return value === undefined ? undefined : redactText(value);
}

/** A cause safe to keep: our own errors as they are; anything else reduced to name, code and message. */
function safeCause(cause: unknown): unknown {
  if (cause === undefined || cause instanceof GongError) return cause;
  if (cause instanceof Error) {
    const copy = new Error(redactText(cause.message));
    copy.name = cause.name;
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string') Object.assign(copy, { code });
    copy.stack = `${copy.name}: ${copy.message}`;
    return copy;
  }
  return typeof cause === 'string' ? redactText(cause) : undefined;
}

export class InvalidInputError extends GongError {
  override readonly code = 'invalid_input';
  override get exitCode(): number { return 2; }
}

export class UnknownToolError extends GongError {
  override readonly code = 'unknown_tool';
  override get exitCode(): number { return 2; }
}

export class ConfigurationError extends GongError {
  override readonly code = 'configuration';
  override get exitCode(): number { return 2; }
}

export class AuthenticationError extends GongError {
  override readonly code: ErrorCode = 'authentication';
  override get exitCode(): number { return 3; }
}

/** No usable connection: the caller must connect (manage_auth or a Scalekit authorization link). */
export class AuthRequiredError extends AuthenticationError {
  override readonly code: ErrorCode = 'auth_required';
  readonly authorizationLink: string | undefined;
  constructor(init: GongErrorInit) {
    super({ ...init, hint: init.hint ?? (init.authorizationLink ? linkHint(init.authorizationLink) : undefined) });
    this.authorizationLink = init.authorizationLink;
  }
  override get exitCode(): number { return 3; }
  override toJSON(): GongErrorJson {
    const json = super.toJSON();
    if (this.authorizationLink !== undefined) json.authorization_link = this.authorizationLink;
    return json;
  }
}

export class PermissionError extends GongError {
  override readonly code = 'permission';
  override get exitCode(): number { return 3; }
}

export class NotFoundError extends GongError {
  override readonly code = 'not_found';
  override get exitCode(): number { return 4; }
}

export class ConflictError extends GongError {
  override readonly code = 'conflict';
}

export class RateLimitError extends GongError {
  override readonly code = 'rate_limited';
  readonly retryAfterMs: number | undefined;
  constructor(init: GongErrorInit) {
    super(init);
    this.retryAfterMs = init.retryAfterMs;
  }
  override get exitCode(): number { return 5; }
  override toJSON(): GongErrorJson {
    const json = super.toJSON();
    if (this.retryAfterMs !== undefined) json.retry_after = Math.ceil(this.retryAfterMs / 1000);
    return json;
  }
}

/** The local daily budget cannot fit the work: refused before anything is sent. */
export class BudgetExceededError extends GongError {
  override readonly code = 'budget_exceeded';
  override get exitCode(): number { return 5; }
}

export class ServerError extends GongError {
  override readonly code = 'server';
}

export class ConnectionError extends GongError {
  override readonly code = 'connection';
  readonly reached: boolean;
  constructor(init: GongErrorInit) {
    super(init);
    this.reached = init.reached ?? true;
  }
}

export class TimeoutError extends GongError {
  override readonly code = 'timeout';
  readonly reached: boolean;
  constructor(init: GongErrorInit) {
    super(init);
    this.reached = init.reached ?? true;
  }
}

export class AbortedError extends GongError {
  override readonly code = 'aborted';
  /** True when the cancellation came while the request was with the transport (it may have reached Gong). */
  readonly reached: boolean;
  constructor(init: GongErrorInit) {
    super(init);
    this.reached = init.reached ?? false;
  }
}

export class ResponseTooLargeError extends GongError {
  override readonly code = 'response_too_large';
}

export class MalformedResponseError extends GongError {
  override readonly code = 'malformed_response';
}

/** An unexpected failure inside the connector or a transport library, reduced to a safe message. */
export class InternalError extends GongError {
  override readonly code = 'internal';
}

/** Any thrown value as a GongError: ours unchanged, anything else wrapped without its details. */
export function asGongError(error: unknown, where: string): GongError {
  if (error instanceof GongError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new InternalError({
    message: `Unexpected failure ${where}: ${message}`,
    cause: error,
    hint: 'This is a connector bug or an unexpected transport failure; the request may or may not have reached Gong.',
  });
}

/** Where the user reconnects: Scalekit's authorization link when the transport knows one, else the call. */
export interface Reconnect {
  authorizationLink?: string | undefined;
  /** The runtime's connect call, rendered from the manifest by src/catalog/manage-auth.ts. */
  connectCall: string;
}

function linkHint(authorizationLink: string): string {
  return `Ask the user to open this Scalekit authorization link to connect Gong, then retry: ${authorizationLink}`;
}

/** The reconnect hint for 401/403. */
export function authHint(reconnect: Reconnect): string {
  if (reconnect.authorizationLink) return linkHint(reconnect.authorizationLink);
  return `Reconnect Gong with ${reconnect.connectCall}, or set GONG_ACCESS_KEY and GONG_ACCESS_KEY_SECRET, then retry.`;
}

export interface ResponseErrorContext extends Reconnect {
  /** The OAuth scopes the tool needs (the catalogue's `scopes`), when a tool sent the request. */
  toolScopes?: readonly string[] | undefined;
  /** The scopes the connect call requests (the manifest's auth block), so a hint never offers a reconnect that cannot add a scope. */
  requestedScopes?: readonly string[] | undefined;
  status: number;
  body: unknown;
  retryAfterMs?: number | undefined;
  tool?: string | undefined;
  method: string;
  path: string;
}

/** Top-level fields in which Gong (and OAuth servers) explain a failure, beside `errors[]`. */
const MESSAGE_FIELDS = ['message', 'userFacingError', 'errorMessage', 'description', 'detail'] as const;

/**
 * Gong error bodies are `{requestId, errors: string[]}`, sometimes with more explanation beside it
 * (`userFacingError` on meetings); CRM status uses `{line, description}` objects. Every
 * message-bearing text is kept, each once.
 */
export function gongErrorBody(body: unknown): { requestId?: string; errors: string[] } {
  if (body === null || typeof body !== 'object') return { errors: [] };
  const record = body as Record<string, unknown>;
  const errors: string[] = [];
  const add = (text: string) => { if (text.trim() !== '' && !errors.includes(text)) errors.push(text); };
  if (Array.isArray(record.errors)) {
    for (const item of record.errors) {
      if (typeof item === 'string') add(item);
      else if (item && typeof item === 'object') {
        const o = item as Record<string, unknown>;
        const text = o.description ?? o.message ?? o.error;
        add(typeof text === 'string' ? text : JSON.stringify(item));
      }
    }
  }
  if (typeof record.error === 'string') {
    add(typeof record.error_description === 'string' ? `${record.error}: ${record.error_description}` : record.error);
  }
  for (const name of MESSAGE_FIELDS) {
    const text = record[name];
    if (typeof text === 'string') add(text);
  }
  const out: { requestId?: string; errors: string[] } = { errors };
  if (typeof record.requestId === 'string') out.requestId = record.requestId;
  return out;
}

const SCOPE_IN_MESSAGE = /permission to use '([^']+)'/;

/**
 * The OAuth scope a 401 body says the grant lacks (Gong: "You don't have permission to use
 * '<scope>' in your app."), else undefined. Such a 401 is not an expired token: a refresh cannot
 * add a scope, so the pipeline does not refresh and resend.
 */
export function missingScopeIn(body: unknown): string | undefined {
  return gongErrorBody(body).errors.map((e) => SCOPE_IN_MESSAGE.exec(e)?.[1]).find(Boolean);
}

const quoted = (scopes: readonly string[]) => scopes.map((s) => `'${s}'`).join(' and ');

/**
 * How to get a grant with these scopes. The connect call helps only when it requests them; a
 * reconnect with the same scopes would fail the same way, so then the hint says what can add them.
 */
function scopeHint(scopes: readonly string[], ctx: ResponseErrorContext): string {
  const requested = ctx.requestedScopes;
  if (!requested || scopes.every((s) => requested.includes(s))) {
    return `Re-authorise the connection with ${quoted(scopes)}: ${ctx.connectCall} requests ${scopes.length > 1 ? 'them' : 'it'}. A token refresh will not add a scope.`;
  }
  return `The connection must be re-authorised with ${quoted(scopes)}, which ${ctx.connectCall} does not request, so reconnecting the same way cannot help: use a grant that includes ${scopes.length > 1 ? 'them' : 'it'} (a Scalekit connection configured with ${scopes.length > 1 ? 'them' : 'it'}, or gong-connector auth login --scopes ${scopes.join(',')}) or an access key pair (GONG_ACCESS_KEY, GONG_ACCESS_KEY_SECRET).`;
}

/** Status → error class, with a message and hint an agent can act on. The only such mapping. */
export function errorFromResponse(ctx: ResponseErrorContext): GongError {
  const { requestId, errors } = gongErrorBody(ctx.body);
  const where = `${ctx.method} ${ctx.path}`;
  const detail = errors.length > 0 ? `: ${errors.join('; ')}` : '';
  const base = {
    status: ctx.status,
    errors,
    requestId,
    tool: ctx.tool,
    method: ctx.method,
    path: ctx.path,
  };
  const s = ctx.status;
  if (s === 401) {
    const scope = missingScopeIn(ctx.body);
    if (scope) {
      const others = (ctx.toolScopes ?? []).filter((s) => s !== scope);
      return new PermissionError({
        ...base,
        message: `Gong refused ${where}: the connection lacks the OAuth scope '${scope}'${others.length ? ` (${ctx.tool ?? 'this tool'} also needs ${quoted(others)})` : ''}${detail}`,
        hint: scopeHint([scope, ...others], ctx),
      });
    }
    const revoked = errors.some((e) => /revoked/i.test(e));
    // Missing, expired or revoked credentials: the caller must reconnect (never a bare 401).
    return new AuthRequiredError({
      ...base,
      message: `Gong rejected the credentials for ${where} (401)${detail}`,
      hint: revoked
        ? `${authHint(ctx)} If the token is new, check the API host: OAuth customers must use their own api_base_url_for_customer (GONG_API_BASE_URL).`
        : authHint(ctx),
      authorizationLink: ctx.authorizationLink,
    });
  }
  if (s === 403) {
    const lacking = 'The connected Gong user or key lacks access to this API (some APIs need a Gong admin, an Engage licence or a limited-release feature).';
    const scopes = ctx.toolScopes ?? [];
    return new PermissionError({
      ...base,
      message: `Gong denied access to ${where} (403)${detail}`,
      hint: scopes.length === 0 || ctx.authorizationLink
        ? `${lacking} ${authHint(ctx)}`
        : `${lacking} If the grant lacks this tool's scope: ${scopeHint(scopes, ctx)}`,
    });
  }
  if (s === 404) {
    return new NotFoundError({
      ...base,
      message: `Gong found nothing for ${where} (404)${detail}`,
      hint: 'Check the id (Gong ids are numeric strings of up to 20 digits) and that the connection can see it.',
    });
  }
  if (s === 409) {
    return new ConflictError({ ...base, message: `Gong reported a conflict for ${where} (409)${detail}` });
  }
  if (s === 429) {
    const wait = ctx.retryAfterMs;
    return new RateLimitError({
      ...base,
      retryAfterMs: wait,
      message: `Gong rate limit reached for ${where} (429)${detail}`,
      hint: wait !== undefined
        ? `Retry after ${Math.ceil(wait / 1000)} s. Gong allows 3 requests per second and 10,000 per day per company.`
        : 'Wait and retry. Gong allows 3 requests per second and 10,000 per day per company.',
    });
  }
  if (s === 400 || s === 405 || s === 422) {
    return new InvalidInputError({
      ...base,
      message: `Gong rejected the request ${where} (${s})${detail}`,
      hint: 'Correct the input named in the message and retry; the request was not applied.',
    });
  }
  if (s === 402) {
    return new GongError({
      ...base,
      message: `Gong refused ${where} (402): the company has no Gong AI credits left${detail}`,
      hint: 'Gong AI credits are exhausted; ask a Gong admin to add credits, or use the non-AI tools.',
    });
  }
  if (s >= 500) {
    return new ServerError({
      ...base,
      message: `Gong failed to answer ${where} (${s})${detail}`,
      hint: 'A Gong-side failure; retry later. Reads are retried automatically.',
    });
  }
  return new GongError({ ...base, message: `Gong answered ${where} with ${s}${detail}` });
}
