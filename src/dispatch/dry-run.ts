// What --dry-run shows: the request as it would be sent, minus every credential. Authentication
// headers are never part of a built request, so there is nothing to mask, only to describe.
import type { BuiltRequest } from './build.js';
import { formatQuery } from '../http/path.js';

export function redactedRequest(built: BuiltRequest, baseUrl: string | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {
    method: built.method,
    url: `${baseUrl ?? ''}${built.path}${formatQuery(built.query)}`,
  };
  if (built.json !== undefined) out.body = built.json;
  if (built.multipart) {
    out.multipart = { field: built.multipart.field, file: built.multipart.filePath, content_type: built.multipart.contentType };
  }
  return out;
}
