// Scalekit SDK exceptions back into what happened on the wire. The SDK's `httpStatus` is derived
// from the reason phrase and is 500 for every multi-word phrase, and `message` is
// "[object Object]" (docs/scalekit.md#exceptions), so the status is recovered from the class name and, for
// the statuses the SDK collapses into InternalServer (422, 502, …), from the reason phrase.
// Classes are matched by `name`, so this works without loading the SDK and across SDK copies.
import { STATUS_CODES } from 'node:http';
import { stringifyJson } from '../http/json.js';

const STATUS_BY_CLASS: Readonly<Record<string, number>> = {
  ScalekitBadRequestException: 400,
  ScalekitUnauthorizedException: 401,
  ScalekitToolUnauthorizedException: 401,
  ScalekitForbiddenException: 403,
  ScalekitToolForbiddenException: 403,
  ScalekitNotFoundException: 404,
  ScalekitConflictException: 409,
  ScalekitTooManyRequestsException: 429,
  ScalekitToolRateLimitException: 429,
  ScalekitNotImplementedException: 501,
  ScalekitServiceUnavailableException: 503,
};

// Classes whose status is only known from the reason phrase.
const BY_REASON = new Set([
  'ScalekitInternalServerException',
  'ScalekitUnknownException',
  'ScalekitToolException',
  'ScalekitServerException',
]);

const STATUS_BY_REASON: ReadonlyMap<string, number> = new Map(
  Object.entries(STATUS_CODES).map(([code, phrase]) => [String(phrase).toLowerCase(), Number(code)]),
);

export function statusFromReason(reason: unknown): number | undefined {
  return typeof reason === 'string' ? STATUS_BY_REASON.get(reason.trim().toLowerCase()) : undefined;
}

/** What a thrown SDK error means for the transport. */
export type SdkFailure =
  | { kind: 'response'; status: number; text: string }
  | { kind: 'timeout' }
  | { kind: 'cancelled' }
  | { kind: 'network'; code: string | undefined }
  | { kind: 'too_large' }
  | { kind: 'credentials' }
  | { kind: 'invalid'; reason: string }
  | { kind: 'unknown' };

interface ServerExceptionLike {
  name: string;
  message: string;
  errorCode?: unknown;
  errDetails?: unknown;
}

function isScalekitError(error: unknown): error is ServerExceptionLike {
  return error instanceof Error && typeof error.name === 'string' && error.name.startsWith('Scalekit');
}

function bodyText(details: unknown): string {
  if (details === undefined || details === null) return '';
  if (typeof details === 'string') return details;
  // The SDK parsed the body already: re-serialising cannot restore digits lost beyond 2^53.
  return stringifyJson(details);
}

// The SDK's token call failing (wrong SCALEKIT_CLIENT_ID/SECRET) escapes as a raw AxiosError
// whose request echo the SDK has scrubbed; only the URL and status are read here.
function isTokenCallFailure(error: unknown): boolean {
  if (error === null || typeof error !== 'object') return false;
  const e = error as { isAxiosError?: unknown; config?: { url?: unknown }; response?: { status?: unknown } };
  return e.isAxiosError === true && typeof e.config?.url === 'string' && /oauth\/token$/.test(e.config.url);
}

// System codes (ECONNREFUSED, EAI_AGAIN: underscores included) and undici's UND_ERR_… codes.
const NETWORK_CODE = /\b(E[A-Z][A-Z_]{2,}|UND_ERR_[A-Z_]+)\b/;

/** Classify an error thrown by the SDK (or by an `actions` object that mimics it). */
export function classifySdkError(error: unknown): SdkFailure {
  if (isTokenCallFailure(error)) return { kind: 'credentials' };
  if (!isScalekitError(error)) {
    // Plain Errors are the SDK's argument validation ("identifier is required").
    if (error instanceof Error && /is required|must be/.test(error.message)) return { kind: 'invalid', reason: error.message };
    return { kind: 'unknown' };
  }
  const name = error.name;
  if (name === 'ScalekitCancelledException') return { kind: 'cancelled' };
  if (name === 'ScalekitGatewayTimeoutException') {
    // A real 504 response carries its reason phrase; an axios timeout has none.
    return typeof error.errorCode === 'string' && error.errorCode !== ''
      ? { kind: 'response', status: 504, text: bodyText(error.errDetails) }
      : { kind: 'timeout' };
  }
  const byClass = STATUS_BY_CLASS[name];
  if (byClass !== undefined) return { kind: 'response', status: byClass, text: bodyText(error.errDetails) };
  if (BY_REASON.has(name)) {
    return { kind: 'response', status: statusFromReason(error.errorCode) ?? 500, text: bodyText(error.errDetails) };
  }
  // The base ScalekitException wraps network failures; its message is axios's ("connect ECONNREFUSED …").
  if (name === 'ScalekitException') {
    const text = String(error.message);
    if (/maxContentLength/.test(text)) return { kind: 'too_large' };
    return { kind: 'network', code: NETWORK_CODE.exec(text)?.[1] };
  }
  return { kind: 'unknown' };
}
