// What a failed exchange means, decided once for every transport: whether the request may have
// reached Gong (the rule that lets a write be retried), and the message and hint the caller reads.
// Transports report facts (src/transport/failure.ts); the words and the rule live only here.
import { AbortedError, ConnectionError, type GongError, InvalidInputError, ResponseTooLargeError, TimeoutError } from '../http/errors.js';
import type { TransportFailure } from '../transport/failure.js';
import type { RequestBody } from '../transport/types.js';

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
      return new AbortedError({ message: `The request ${where} was cancelled.`, method: req.method, path: req.path, tool: req.tool });
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
