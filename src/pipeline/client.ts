// The request pipeline above every transport: check the path → pace → send (under a watchdog) →
// classify → retry or map the error → parse losslessly. Both transports go through it, so they
// behave identically: the same limiter, the same retry decision, the same error classes.
import type { Transport, TransportRequest, TransportResponse } from '../transport/types.js';
import { TransportFailure } from '../transport/failure.js';
import type { Clock } from '../http/clock.js';
import { abortError } from '../http/clock.js';
import { assertSendable } from '../http/path.js';
import {
  AbortedError,
  ConnectionError,
  GongError,
  MalformedResponseError,
  TimeoutError,
  asGongError,
  errorFromResponse,
  missingScopeIn,
} from '../http/errors.js';
import { JsonTooDeepError, parseJson, tryParseJson } from '../http/json.js';
import type { RequestEvent, RequestHooks } from './hooks.js';
import type { RateLimiter } from './limiter.js';
import { decideRetry, parseRetryAfter, type Failure } from './retry.js';
import { abortedInFlight, attemptMayHaveApplied, isTooLarge, stateWriteOutcome, timeoutError, tooLargeError, transportFailureError } from './failures.js';
import { connectGongCall, grantScopes } from '../catalog/index.js';

export interface GongRequest extends Omit<TransportRequest, 'signal' | 'timeoutMs' | 'maxResponseBytes'> {
  /** GET or a read-only POST: safe to repeat. */
  readOnly: boolean;
  /** Carries an idempotency key Gong deduplicates on (clientUniqueId, eventId): safe to repeat. */
  replaySafe?: boolean;
  /** A 409 on a repeated attempt means an earlier attempt was applied (digital interactions). */
  conflictOnReplayIsSuccess?: boolean;
  tool?: string | undefined;
}

export interface GongResponse {
  status: number;
  headers: Readonly<Record<string, string>>;
  data: unknown;
  /** Set when a replayed write was answered 409 because an earlier attempt had been applied. */
  replayed?: boolean;
  /** Attempts this request took (1 when nothing was retried). */
  attempts: number;
}

export interface CallContext {
  signal?: AbortSignal | undefined;
  deadlineAt: number;
  /** Sum of pacing and Retry-After waits applied during this call (ms). */
  waitedMs: number;
  requests: number;
  /** The budget lease this call's job reserved (RateLimiter.reserveBudget); its requests draw on it. */
  lease?: string | undefined;
}

export interface ClientPolicy {
  timeoutMs: number;
  maxAttempts: number;
  maxRetryAfterMs: number;
  maxResponseBytes: number;
}

/** Extra time the watchdog gives a transport to report its own timeout before it is abandoned. */
const WATCHDOG_GRACE_MS = 1_000;

/** The slowest upload rate the per-request timeout allows for: 1 MB/s. */
const UPLOAD_BYTES_PER_MS = 1000;

export class GongClient {
  constructor(
    readonly transport: Transport,
    readonly limiter: RateLimiter,
    private readonly policy: ClientPolicy,
    private readonly clock: Clock,
    private readonly hooks: RequestHooks = {},
  ) {}

  /**
   * One request, retried as retry.ts decides. A write's error states what Gong knows
   * (failures.ts `stateWriteOutcome`): not applied, or uncertain when an attempt may have been.
   */
  async request(req: GongRequest, call: CallContext): Promise<GongResponse> {
    const progress: Progress = { mayHaveApplied: false, sending: false };
    try {
      return await this.attempts(req, call, progress);
    } catch (error) {
      if (req.readOnly || !(error instanceof GongError)) throw error;
      // An error from before the attempt left (the limiter's store, the deadline) is no outcome of it.
      throw stateWriteOutcome(error, req, progress.mayHaveApplied, progress.sending);
    }
  }

  private async attempts(req: GongRequest, call: CallContext, progress: Progress): Promise<GongResponse> {
    assertSendable(req.method, req.path, req.query, req.tool);
    // A credential that can be refreshed (OAuth, a Scalekit token) gets one fresh try after a 401
    // that is not a missing scope (a refresh cannot add one): the resend is this loop's next
    // attempt, paced and counted like any request. The 401 was refused unapplied.
    let refreshed = false;
    for (let attempt = 1; ; attempt++) {
      progress.sending = false;
      if (call.signal?.aborted) throw abortError(call.signal);
      const reservation = await this.limiter.reserve(call.signal, call.deadlineAt, this.policy.maxRetryAfterMs, call.lease);
      call.waitedMs += reservation.waitMs;
      const started = this.clock.now();
      // An upload's sending time extends the call's deadline as it extends the request timeout.
      const remaining = call.deadlineAt + this.uploadAllowance(req) - started;
      if (remaining <= 0) throw this.deadlineError(req);
      const event: RequestEvent = { tool: req.tool, method: req.method, path: req.path, attempt };
      this.emit('onRequest', event);
      call.requests += 1;
      progress.sending = true;
      let failure: Failure;
      let failureError: GongError;
      try {
        let response: TransportResponse | undefined;
        try {
          response = await this.send(req, call, Math.ceil(Math.min(this.timeoutFor(req), remaining)));
        } finally {
          // Whatever came back, the request had arrived (or never will) by now: pacing may use that,
          // and, for a request sent on an open connection, how soon such requests arrive.
          // It only refines pacing: a store that fails here must not hide Gong's answer.
          await this.limiter.settle(reservation, this.clock.now(), response?.connectionReused === true, started).catch(() => undefined);
        }
        // Built only for a listener: `{ ...event, more }` costs ~1 µs per request on Node 20.
        if (this.hooks.onResponse) this.emit('onResponse', { ...event, status: response.status, durationMs: this.clock.now() - started });
        if (response.status >= 200 && response.status < 300) {
          try {
            return { status: response.status, headers: response.headers, data: parseBody(response), attempts: attempt };
          } catch (cause) {
            failure = { kind: 'malformed' };
            failureError = this.malformed(req, response.status, cause);
          }
        } else if (response.status === 401 && !refreshed && this.transport.refreshCredentials && !missingScopeIn(tryParseJson(response.text)) && (await this.transport.refreshCredentials(response))) {
          refreshed = true;
          continue;
        } else if (response.status === 409 && progress.mayHaveApplied && req.conflictOnReplayIsSuccess) {
          // Only after an attempt that may have been applied is a 409 that attempt's success.
          return { status: response.status, headers: response.headers, data: tryParseJson(response.text), replayed: true, attempts: attempt };
        } else {
          if ((response.status === 401 || response.status === 403) && this.transport.explainRefusal) {
            // The transport's own service refused (not Gong): its error says what to do.
            const own = await this.transport.explainRefusal(response, req);
            if (own) throw own;
          }
          const retryAfterMs = parseRetryAfter(response.headers['retry-after'], this.clock.now());
          failure = { kind: 'status', status: response.status, retryAfterMs };
          failureError = errorFromResponse({
            status: response.status,
            body: tryParseJson(response.text),
            retryAfterMs,
            tool: req.tool,
            method: req.method,
            path: req.path,
            authorizationLink: this.transport.authorizationLink?.(),
            connectCall: connectGongCall(),
            ...grantScopes(req.tool),
          });
          if (response.status === 429 && retryAfterMs !== undefined) {
            // Gong's limit is per company: hold every request of this company, not just this one.
            await this.limiter.pause(this.clock.now() + retryAfterMs);
          }
        }
      } catch (error) {
        if (error instanceof ConnectionError) failure = { kind: 'network', reached: error.reached };
        else if (error instanceof TimeoutError) failure = { kind: 'timeout', reached: error.reached };
        else throw withRequest(asGongError(error, `while sending ${req.method} ${req.path}`), req);
        failureError = withRequest(error, req);
      }
      if (attemptMayHaveApplied(failure)) progress.mayHaveApplied = true;
      const decision = decideRetry({
        failure,
        attempt,
        maxAttempts: this.policy.maxAttempts,
        readOnly: req.readOnly,
        replaySafe: req.replaySafe ?? false,
        remainingMs: call.deadlineAt - this.clock.now(),
        maxRetryAfterMs: this.policy.maxRetryAfterMs,
        random: this.clock.random,
      });
      if (!decision.retry) throw failureError;
      this.emit('onRetry', { ...event, delayMs: decision.delayMs, reason: decision.reason });
      if (failure.kind === 'status' && failure.status === 429) {
        // The pause holds the company: the next reserve() waits it out, as does every other caller's.
        await this.limiter.pause(this.clock.now() + decision.delayMs);
      } else {
        await this.clock.sleep(decision.delayMs, call.signal);
        call.waitedMs += decision.delayMs;
      }
    }
  }

  /**
   * One attempt through the transport, with the response size checked here (whatever the transport
   * did) and a watchdog that abandons a transport which ignores its timeout: no transport can hang
   * a tool call. A transport's failure becomes the connector's error here (failures.ts).
   */
  private async send(req: GongRequest, call: CallContext, timeoutMs: number): Promise<TransportResponse> {
    // A transport that bounds its own exchanges (the direct one) gets the caller's signal as is:
    // an AbortController per request and AbortSignal.any cost 4–20 µs each on Node 20 (measured by
    // `npm run bench`). The watchdog's timer below still abandons it if it ever hangs.
    const watchdog = this.transport.enforcesTimeout ? undefined : new AbortController();
    const signal = !watchdog ? call.signal : call.signal ? AbortSignal.any([call.signal, watchdog.signal]) : watchdog.signal;
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(timeoutError(req, timeoutMs, true));
        watchdog?.abort(new Error('timeout'));
      }, timeoutMs + WATCHDOG_GRACE_MS);
    });
    const sending = this.transport.send(this.transportRequest(req, signal, timeoutMs));
    // Whichever loses the race must not become an unhandled rejection.
    sending.catch(() => undefined);
    expired.catch(() => undefined);
    try {
      const response = await Promise.race([sending, expired]);
      if (isTooLarge(response.text, this.policy.maxResponseBytes)) throw tooLargeError(req, this.policy.maxResponseBytes);
      return response;
    } catch (error) {
      // A caller's abort wins over whatever the transport made of it.
      if (call.signal?.aborted && !(error instanceof AbortedError)) throw abortedInFlight(call.signal);
      if (error instanceof TransportFailure) throw transportFailureError(error, req, { timeoutMs, maxResponseBytes: this.policy.maxResponseBytes });
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  private transportRequest(req: GongRequest, signal: AbortSignal | undefined, timeoutMs: number): TransportRequest {
    return {
      method: req.method,
      path: req.path,
      query: req.query,
      body: req.body,
      headers: req.headers,
      signal,
      timeoutMs,
      maxResponseBytes: this.policy.maxResponseBytes,
    };
  }

  /** Hooks observe; a hook that throws must not break a request. */
  private emit<K extends 'onRequest' | 'onResponse' | 'onRetry'>(name: K, event: Parameters<NonNullable<RequestHooks[K]>>[0]): void {
    const hook = this.hooks[name] as ((e: typeof event) => void) | undefined;
    if (!hook) return;
    try {
      hook(event);
    } catch {
      // ignored by design
    }
  }

  /** A 2xx whose body cannot be read; a write's outcome is stated by `request` (failures.ts). */
  private malformed(req: GongRequest, status: number, cause: unknown): MalformedResponseError {
    return new MalformedResponseError({
      message: cause instanceof JsonTooDeepError
        ? `Gong answered ${req.method} ${req.path} with ${status} but ${cause.message}, so it is not read.`
        : `Gong answered ${req.method} ${req.path} with ${status} but the body was not valid JSON (truncated or malformed).`,
      status, method: req.method, path: req.path, tool: req.tool, cause,
      hint: 'Retry the call; reads are retried automatically.',
    });
  }

  /**
   * The per-request timeout. An upload also needs time to send its file: one more second per
   * megabyte, added to the call's deadline too, so a 1.5 GB recording over a 1 MB/s uplink is not
   * cut off.
   */
  private timeoutFor(req: GongRequest): number {
    return this.policy.timeoutMs + this.uploadAllowance(req);
  }

  /** Time to send an upload's file at the slowest rate allowed; 0 for other requests. */
  private uploadAllowance(req: GongRequest): number {
    return req.body?.kind === 'multipart' ? Math.ceil(req.body.size / UPLOAD_BYTES_PER_MS) : 0;
  }

  private deadlineError(req: GongRequest): TimeoutError {
    return new TimeoutError({
      message: `The tool call's deadline passed before ${req.method} ${req.path} could be sent.`,
      method: req.method, path: req.path, tool: req.tool, reached: false,
      hint: 'Raise deadlineMs or narrow the request.',
    });
  }
}

/** What the attempts of one request learnt so far. */
interface Progress {
  /** An attempt may have been applied by Gong (so a later 409 can be its success, and a write's outcome is uncertain). */
  mayHaveApplied: boolean;
  /** The current attempt has left for Gong (errors before that are not its outcome). */
  sending: boolean;
}

function withRequest(error: GongError, req: GongRequest): GongError {
  if (error.tool === undefined) error.tool = req.tool;
  return error;
}

function parseBody(response: TransportResponse): unknown {
  if (response.text.trim() === '') return {};
  return parseJson(response.text);
}
