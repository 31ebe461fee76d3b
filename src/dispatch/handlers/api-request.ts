// gong_api_request: any Gong v2 endpoint, for operations newer than the catalogue. The path goes
// through the one path check (src/http/path.ts) so it cannot leave /v2/ or reach another host;
// the error here names the input and says where query parameters go.
import { InvalidInputError } from '../../http/errors.js';
import { unsafeApiPathReason } from '../../http/path.js';
import type { HttpMethod } from '../../http/path.js';
import type { Handler } from './types.js';

export const apiRequest: Handler = async (ctx, input) => {
  const method = String(input.method).toUpperCase() as HttpMethod;
  const rawPath = String(input.path);
  const unsafe = unsafeApiPathReason(rawPath);
  if (unsafe !== undefined) {
    throw new InvalidInputError({
      message: `gong_api_request: path must be a Gong API path like /v2/calls/123 (no query, no '..', no host): ${unsafe}; got '${rawPath}'.`,
      tool: ctx.tool.name, field: 'path', hint: 'Put query parameters in `query`.',
    });
  }
  // The escape hatch is destructive only when it writes: every method but GET asks for confirm.
  if (method !== 'GET' && input.confirm !== true) {
    throw new InvalidInputError({
      message: `gong_api_request: a ${method} request may change data in Gong; pass confirm: true once the user agreed.`,
      tool: ctx.tool.name, field: 'confirm', hint: 'Nothing was sent.',
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
