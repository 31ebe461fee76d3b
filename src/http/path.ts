// The one check that keeps every request on the configured Gong host and under /v2/: applied by
// the pipeline to every request before it is paced or sent, whatever built it (manifest routes,
// handlers, gong_api_request), and again by the direct transport on the final URL.

import { InvalidInputError } from './errors.js';

/** The HTTP methods Gong's API uses. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

// Unreserved characters and percent-escapes: everything a Gong path segment needs, nothing more.
const SEGMENT = /^[A-Za-z0-9\-._~%]+$/;
const ESCAPE = /%(?![0-9A-Fa-f]{2})/;
// After decoding, a segment must still be one segment: no separators, no dot-segments, no controls.
// eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
const DECODED_FORBIDDEN = /[/\\?#\u0000-\u001f\u007f]/;

// Segments of letters, digits, '-', '_' and '~' only: no '%', no '.', so nothing to decode and no
// dot-segment — safe by the rules below without running them (the common case; every request is
// checked twice, so the shortcut matters: `npm run bench`).
const PLAIN_PATH = /^\/v2(?:\/[A-Za-z0-9_~-]+)+\/?$/;

/** Why `path` is not a safe Gong API path, or undefined when it is. */
export function unsafeApiPathReason(path: string): string | undefined {
  if (typeof path !== 'string' || !path.startsWith('/v2/')) return 'it must start with /v2/';
  if (path.length <= 2048 && PLAIN_PATH.test(path)) return undefined;
  if (path.length > 2048) return 'it is longer than 2048 characters';
  const segments = path.slice(1).split('/');
  // A trailing slash is harmless (some Gong paths are documented with one); an empty segment inside is not.
  if (segments.length > 2 && segments[segments.length - 1] === '') segments.pop();
  for (const segment of segments) {
    if (segment === '') return 'it has an empty segment (//)';
    if (!SEGMENT.test(segment)) return `segment '${segment.slice(0, 40)}' has characters outside [A-Za-z0-9-._~%]`;
    if (ESCAPE.test(segment)) return `segment '${segment.slice(0, 40)}' has a broken percent-escape`;
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return `segment '${segment.slice(0, 40)}' does not decode as UTF-8`;
    }
    if (decoded === '.' || decoded === '..') return 'it has a dot-segment (. or ..), even encoded';
    if (DECODED_FORBIDDEN.test(decoded)) return `segment '${segment.slice(0, 40)}' decodes to a separator or control character`;
    // A server or proxy that decodes twice would see what a double encoding hides.
    if (/%[0-9A-Fa-f]{2}/.test(decoded)) return `segment '${segment.slice(0, 40)}' is percent-encoded twice`;
  }
  return undefined;
}

/** Serialise a query the way Gong expects: repeated scalars, no `key[]` forms. */
export function formatQuery(query: ReadonlyArray<readonly [string, string]>): string {
  if (query.length === 0) return '';
  const params = new URLSearchParams();
  for (const [k, v] of query) params.append(k, v);
  return `?${params.toString()}`;
}

/** Longest path + query sent; servers commonly refuse more than 8 KiB of request line. */
export const MAX_URL_LENGTH = 8_000;

/**
 * The request target check applied to every request, sent or planned (dry run): a safe /v2/ path
 * and a URL no longer than MAX_URL_LENGTH. Throws an InvalidInputError naming the problem.
 */
export function assertSendable(method: string, path: string, query: ReadonlyArray<readonly [string, string]>, tool: string | undefined): void {
  const unsafe = unsafeApiPathReason(path);
  if (unsafe !== undefined) {
    throw new InvalidInputError({
      message: `Refused to send ${method} to an unsafe path: ${unsafe}; nothing was sent.`,
      tool, field: 'path', hint: 'Gong API paths are /v2/ followed by plain segments; ids are numeric strings.',
    });
  }
  const length = path.length + formatQuery(query).length;
  if (length > MAX_URL_LENGTH) {
    throw new InvalidInputError({
      message: `Refused to send ${method} ${path}: the request URL would be ${length} characters, over the ${MAX_URL_LENGTH}-character limit; nothing was sent.`,
      tool, hint: 'Pass fewer or shorter values.',
    });
  }
}

/**
 * The final URL for a request: origin + path + query, refused unless the parsed URL still has the
 * configured origin and exactly the given path (a URL parser must not have normalised anything).
 */
export function finalUrl(origin: string, path: string, search: string): URL | undefined {
  if (unsafeApiPathReason(path) !== undefined) return undefined;
  let url: URL;
  try {
    url = new URL(`${origin}${path}${search}`);
  } catch {
    return undefined;
  }
  if (url.origin !== origin || url.pathname !== path || url.hash !== '' || url.username !== '' || url.password !== '') return undefined;
  return url;
}
