// What a failed exchange means, decided once for every transport: whether the request may have
// reached Gong (the rule that lets a write be retried), whether a write may have been applied (the
// outcome its error states), and the message and hint the caller reads. Transports report facts
// (src/transport/failure.ts); the words and the rules live only here.
import { abortError } from '../http/clock.js';
import {
  AbortedError, ConnectionError, type GongError, InternalError, InvalidInputError, MalformedResponseError,
  ResponseTooLargeError, ServerError, TimeoutError,
} from '../http/errors.js';
import type { TransportFailure } from '../transport/failure.js';
import type { RequestBody } from '../transport/types.js';
import type { Failure } from './retry.js';

/**
 * Error codes raised before any byte of the request left this machine (the name did not resolve,
 * the host refused or could not be reached, no connection was made in time): such a request
 * cannot have reached Gong, so even a write may be sent again.
 */
export const NEVER_SENT_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** Whether a failed exchange may have reached Gong: yes once an answer began, else unless its code proves nothing left. */
export function mayHaveReachedGong(failure: Pick<TransportFailure, 'answered' | 'code'>): boolean {
  return failure.answered || failure.code === undefined || !NEVER_SENT_CODES.has(failure.code);
}

/** The request a failure belongs to, as errors name it. */
export interface FailedRequest {
  method: string;
  path: string;
  tool?: string | undefined;
  body?: RequestBody | undefined;
}

/** The limits the failed attempt ran under. */
export interface AttemptLimits {
  timeoutMs: number;
  maxResponseBytes: number;
}

export function timeoutError(req: FailedRequest, timeoutMs: number, reached: boolean, through?: string): TimeoutError {
  return new TimeoutError({
    message: `Gong${through ? ` (through ${through})` : ''} did not answer ${req.method} ${req.path} within ${timeoutMs} ms.`,
    method: req.method, path: req.path, tool: req.tool, reached,
    hint: 'Retry later or raise timeoutMs; reads are retried automatically.',
  });
}

export function tooLargeError(req: FailedRequest, maxBytes: number): ResponseTooLargeError {
  return new ResponseTooLargeError({
    message: `Gong's response to ${req.method} ${req.path} exceeded ${maxBytes} bytes and was refused.`,
    method: req.method, path: req.path, tool: req.tool,
    hint: 'Narrow the request (fewer ids or a shorter date range) or raise maxResponseBytes.',
  });
}

/** True when the text is over the cap (byte length measured only when it could be). */
export function isTooLarge(text: string, maxBytes: number): boolean {
  if (text.length <= maxBytes / 3) return false;
  return Buffer.byteLength(text, 'utf8') > maxBytes;
}

/** The connector's error for a transport's failure. */
export function transportFailureError(failure: TransportFailure, req: FailedRequest, limits: AttemptLimits): GongError {
  const where = `${req.method} ${req.path}`;
  const reached = mayHaveReachedGong(failure);
  const peer = failure.proxy?.name ?? 'Gong';
  switch (failure.kind) {
    case 'timeout':
      return timeoutError(req, limits.timeoutMs, reached, failure.proxy?.name);
    case 'too_large':
      return tooLargeError(req, limits.maxResponseBytes);
    case 'aborted':
      return new AbortedError({ message: `The request ${where} was cancelled.`, method: req.method, path: req.path, tool: req.tool, reached });
    case 'local_file': {
      const file = req.body?.kind === 'multipart' ? `'${req.body.filePath}'` : 'the file to upload';
      return new InvalidInputError({
        message: `The file to upload, ${file}, can no longer be read (moved or deleted since the call was checked); nothing was sent.`,
        method: req.method, path: req.path, tool: req.tool,
        hint: 'Check that the file is still there and readable, then run the call again.',
      });
    }
    case 'network':
      return new ConnectionError({
        message: `The connection to ${peer} failed during ${where}${failure.code ? ` (${failure.code})` : ''}.`,
        method: req.method, path: req.path, tool: req.tool, reached,
        hint: `Check ${failure.proxy?.setting ?? 'GONG_API_BASE_URL'} and the network, then retry; reads are retried automatically.`,
      });
  }
}

/** The caller cancelled while the request was with the transport: it may have reached Gong. */
export function abortedInFlight(signal: AbortSignal): AbortedError {
  const aborted = abortError(signal);
  return new AbortedError({ message: aborted.message, reached: true });
}

/**
 * Whether an attempt that failed this way may have been applied by Gong: a 5xx or 408 (Gong may
 * have failed after applying it), a reset, timeout or cancellation after the request may have
 * reached Gong, or a 2xx whose body could not be read. A 429 or any other 4xx was refused unapplied.
 */
export function attemptMayHaveApplied(failure: Failure): boolean {
  switch (failure.kind) {
    case 'status': return failure.status >= 500 || failure.status === 408;
    case 'network':
    case 'timeout': return failure.reached;
    case 'malformed': return true;
  }
}

/** The same rule for an error the pipeline is about to throw. */
export function errorMayHaveApplied(error: GongError): boolean {
  if (error instanceof ConnectionError || error instanceof TimeoutError || error instanceof AbortedError) return error.reached;
  if (error instanceof ServerError || error.status === 408) return true;
  // An answer too large or unreadable, or a failure nobody expected: what Gong did is unknown.
  return error instanceof MalformedResponseError || error instanceof ResponseTooLargeError || error instanceof InternalError;
}

/** The hint of an uncertain write before the dispatcher names the check. */
const UNCERTAIN_HINT = 'The write may have been applied: find out before sending it again (see check), or it may be applied twice.';

/** A write as its failure names it. */
export interface FailedWrite {
  /** The write carries a key Gong deduplicates on (clientUniqueId, eventId). */
  replaySafe?: boolean | undefined;
}

/**
 * The error of a failed write, stating what Gong knows: `not_applied` when no attempt can have
 * been applied, else `uncertain`, whose message says the write may have been applied and whose
 * hint never says to retry (the dispatcher adds which tool shows whether it was: `check`).
 * `earlier`: an earlier attempt of this request may have been applied.
 */
export function stateWriteOutcome(error: GongError, req: FailedWrite, earlier: boolean, sent = true): GongError {
  if (error.outcome !== undefined) return error;
  const now = sent && errorMayHaveApplied(error);
  if (!now && !earlier) {
    error.outcome = 'not_applied';
    return error;
  }
  error.outcome = 'uncertain';
  error.message = `${error.message} ${now ? 'Gong may have applied the write.' : 'An earlier attempt of this write may have been applied in Gong.'}`;
  error.hint = req.replaySafe
    ? 'The write may have been applied. Sending the same input again is safe: it carries the same idempotency key, so Gong applies it once.'
    : UNCERTAIN_HINT;
  return error;
}
