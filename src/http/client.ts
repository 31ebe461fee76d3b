// The request pipeline above every transport: pace → send → classify → retry or map the error →
// parse losslessly. Both transports go through it, so they behave identically.
import type { Transport, TransportRequest, TransportResponse } from '../transport/types.js';
import type { Clock } from './clock.js';
import { abortError } from './clock.js';
import type { RequestHooks } from './hooks.js';
import type { RateLimiter } from './limiter.js';
import { decideRetry, parseRetryAfter, type Failure } from './retry.js';
import {
  ConnectionError,
  GongError,
  MalformedResponseError,
  TimeoutError,
  errorFromResponse,
} from './errors.js';
import { parseJson } from './json.js';

export interface GongRequest extends Omit<TransportRequest, 'signal' | 'timeoutMs' | 'maxResponseBytes'> {
  /** GET or a read-only POST: safe to repeat. */
  readOnly: boolean;
  /** Carries an idempotency key Gong deduplicates on. */
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
}

export interface CallContext {
  signal?: AbortSignal | undefined;
  deadlineAt: number;
  /** Sum of pacing and Retry-After waits applied during this call (ms). */
  waitedMs: number;
  requests: number;
}

export interface ClientPolicy {
  timeoutMs: number;
  maxAttempts: number;
  maxRetryAfterMs: number;
  maxResponseBytes: number;
}

export class GongClient {
  constructor(
    readonly transport: Transport,
    readonly limiter: RateLimiter,
    private readonly policy: ClientPolicy,
    private readonly clock: Clock,
    private readonly hooks: RequestHooks = {},
    private readonly authorizationLink?: () => string | undefined,
  ) {}

  async request(req: GongRequest, call: CallContext): Promise<GongResponse> {
    for (let attempt = 1; ; attempt++) {
      if (call.signal?.aborted) throw abortError(call.signal);
      call.waitedMs += await this.limiter.acquire(call.signal, call.deadlineAt);
      const started = this.clock.now();
      const remaining = call.deadlineAt - started;
      if (remaining <= 0) throw this.deadlineError(req);
      const event = { tool: req.tool, method: req.method, path: req.path, attempt };
      this.hooks.onRequest?.(event);
      call.requests += 1;
      let failure: Failure;
      let failureError: GongError;
      try {
        // Object.assign, not {...req, more}: on Node 20 a spread followed by properties takes V8's
        // slow path (~1 µs per call, measured by `npm run bench`).
        const response = await this.transport.send(Object.assign({}, req, {
          signal: call.signal,
          timeoutMs: Math.min(this.policy.timeoutMs, remaining),
          maxResponseBytes: this.policy.maxResponseBytes,
        }));
        this.hooks.onResponse?.({ ...event, status: response.status, durationMs: this.clock.now() - started });
        if (response.status >= 200 && response.status < 300) {
          try {
            return { status: response.status, headers: response.headers, data: parseBody(response) };
          } catch (cause) {
            failure = { kind: 'malformed' };
            failureError = new MalformedResponseError({
              message: `Gong's response to ${req.method} ${req.path} was not valid JSON (truncated or malformed).`,
              status: response.status, method: req.method, path: req.path, tool: req.tool, cause,
              hint: 'Retry the call; reads are retried automatically.',
            });
          }
        } else if (response.status === 409 && attempt > 1 && req.conflictOnReplayIsSuccess) {
          return { status: response.status, headers: response.headers, data: safeParse(response.text), replayed: true };
        } else {
          const retryAfterMs = parseRetryAfter(response.headers['retry-after'], this.clock.now());
          failure = { kind: 'status', status: response.status, retryAfterMs };
          failureError = errorFromResponse({
            status: response.status,
            body: safeParse(response.text),
            retryAfterMs,
            tool: req.tool,
            method: req.method,
            path: req.path,
            authorizationLink: this.authorizationLink?.(),
          });
        }
      } catch (error) {
        if (!(error instanceof GongError)) throw error;
        if (error instanceof ConnectionError) failure = { kind: 'network', reached: error.reached };
        else if (error instanceof TimeoutError) failure = { kind: 'timeout', reached: error.reached };
        else throw withRequest(error, req);
        failureError = withRequest(error, req);
      }
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
      this.hooks.onRetry?.({ ...event, delayMs: decision.delayMs, reason: decision.reason });
      if (failure.kind === 'status' && failure.status === 429) {
        // Hold the whole company, not just this call: Gong's limit is per company.
        await this.limiter.pause(this.clock.now() + decision.delayMs);
      } else {
        await this.clock.sleep(decision.delayMs, call.signal);
        call.waitedMs += decision.delayMs;
      }
    }
  }

  private deadlineError(req: GongRequest): TimeoutError {
    return new TimeoutError({
      message: `The tool call's deadline passed before ${req.method} ${req.path} could be sent.`,
      method: req.method, path: req.path, tool: req.tool, reached: false,
      hint: 'Raise deadlineMs or narrow the request.',
    });
  }
}

function withRequest(error: GongError, req: GongRequest): GongError {
  if (error.tool === undefined) error.tool = req.tool;
  return error;
}

function parseBody(response: TransportResponse): unknown {
  if (response.text.trim() === '') return {};
  return parseJson(response.text);
}

function safeParse(text: string): unknown {
  try {
    return text.trim() === '' ? undefined : parseJson(text);
  } catch {
    return undefined;
  }
}
