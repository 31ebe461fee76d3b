// gong_api_request: any Gong v2 endpoint, for operations newer than the catalogue. The path is
// checked segment by segment so it cannot leave /v2/ or reach another host.
import { InvalidInputError } from '../../http/errors.js';
import type { HttpMethod } from '../../transport/types.js';
import type { Handler } from './types.js';

const SEGMENT = /^[A-Za-z0-9\-_.~%]+$/;

/**
 * A segment that is, or decodes to, '.' or '..' (URL parsers resolve '%2e%2e' like '..'), or that
 * hides a slash or backslash, could move the request outside /v2/.
 */
function unsafeSegment(segment: string): boolean {
  if (!SEGMENT.test(segment)) return true;
  let decoded: string;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    return true;
  }
  return decoded === '.' || decoded === '..' || /[/\\]/.test(decoded);
}

export const apiRequest: Handler = async (ctx, input) => {
  const method = String(input.method).toUpperCase() as HttpMethod;
  const rawPath = String(input.path);
  const segments = rawPath.split('/').slice(1);
  if (!rawPath.startsWith('/v2/') || rawPath.includes('?') || rawPath.includes('#') || rawPath.includes('\\')
    || segments.some((s, i) => (s === '' ? i !== segments.length - 1 : unsafeSegment(s)))) {
    throw new InvalidInputError({
      message: `gong_api_request: path must be a Gong API path like /v2/calls/123 (no query, no '..', no host); got '${rawPath}'.`,
      tool: ctx.tool.name, field: 'path', hint: 'Put query parameters in `query`.',
    });
  }
  const query: Array<[string, string]> = [];
  for (const [k, v] of Object.entries((input.query ?? {}) as Record<string, unknown>)) {
    for (const item of Array.isArray(v) ? v : [v]) query.push([k, typeof item === 'string' ? item : JSON.stringify(item)]);
  }
  const built = { method, path: rawPath, query, ...(input.body !== undefined ? { json: input.body } : {}) };
  const response = await ctx.request(built, { readOnly: method === 'GET' });
  if (!response) return {};
  const data = response.data;
  return data !== null && typeof data === 'object' && !Array.isArray(data)
    ? (data as Record<string, unknown>)
    : { result: data, status: response.status };
};
