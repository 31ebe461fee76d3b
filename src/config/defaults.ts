// Every default the connector applies when neither options nor the environment say otherwise
// (docs/contracts.md#environment, docs/contracts.md#library). Configuration applies them once;
// the pipeline and transports receive resolved values.

/** The Gong API host for access keys and tokens without a customer host. */
export const DEFAULT_BASE_URL = 'https://api.gong.io';
/** Gong's OAuth host (authorize and token endpoints). */
export const DEFAULT_OAUTH_BASE_URL = 'https://app.gong.io';
/** The Scalekit connection name for Gong. */
export const DEFAULT_CONNECTION_NAME = 'gong';

/** Client-side pacing: Gong allows 3 requests per second per company. */
export const DEFAULT_RATE_LIMIT_PER_SECOND = 3;
/** Gong's default daily request budget per company. */
export const DEFAULT_DAILY_LIMIT = 10_000;
/** Per-request timeout (ms). */
export const DEFAULT_TIMEOUT_MS = 60_000;
/** Total deadline for one tool call including retries and waits (ms). */
export const DEFAULT_DEADLINE_MS = 600_000;
/** The longest Retry-After waited out inside a call (ms). */
export const DEFAULT_MAX_RETRY_AFTER_MS = 60_000;
/** Attempts per request for retryable failures. */
export const DEFAULT_MAX_ATTEMPTS = 4;
/** Largest accepted response body (bytes). */
export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
