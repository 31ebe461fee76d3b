// What every transport does the same way to a request and an answer: the headers it sends, the
// body on the wire (JSON text, or a multipart form streamed from disk) and the answer's headers
// with lower-case names. Written once so the direct and Scalekit transports cannot drift apart.
import { openAsBlob } from 'node:fs';
import { TransportFailure } from './failure.js';
import type { MultipartBody, TransportRequest } from './types.js';

/** The request's own headers, JSON accepted, and the content type of a JSON body. */
export function requestHeaders(req: TransportRequest): Record<string, string> {
  // Object.assign, not { ...headers, more }: the spread-then-properties form is slow on Node 20.
  const headers: Record<string, string> = Object.assign({}, req.headers, { accept: 'application/json' });
  if (req.body?.kind === 'json') headers['content-type'] = 'application/json';
  return headers;
}

/** The FormData shape both `undici` and the global (axios) implementation offer. */
interface FormLike {
  set(name: string, value: Blob, fileName: string): void;
}

/**
 * A multipart form holding the upload's file, streamed from disk (a 1.5 GB recording is never
 * held in memory). Each transport passes the FormData class its HTTP client reads: undici's
 * request() does not stream the global one. A file gone since the call was checked is a
 * `local_file` failure: nothing was sent.
 */
export async function multipartForm<F extends FormLike>(body: MultipartBody, Form: new () => F): Promise<F> {
  let blob: Blob;
  try {
    // On Node 20 openAsBlob throws synchronously for a missing file; `await` inside the try
    // catches that and a rejection alike.
    blob = await openAsBlob(body.filePath, { type: body.contentType });
  } catch (cause) {
    throw new TransportFailure({ kind: 'local_file', code: (cause as { code?: string } | null)?.code, cause });
  }
  const form = new Form();
  form.set(body.field, blob, body.fileName);
  return form;
}

/**
 * An answer's headers as a plain object with lower-case names, repeated values joined with ', '.
 * Takes undici's header record and axios's AxiosHeaders (whose plain form is its toJSON()).
 */
export function lowerCaseHeaders(headers: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (headers === null || typeof headers !== 'object') return out;
  const plain = typeof (headers as { toJSON?: unknown }).toJSON === 'function'
    ? ((headers as { toJSON(): unknown }).toJSON() as Record<string, unknown>)
    : (headers as Record<string, unknown>);
  for (const [key, value] of Object.entries(plain)) {
    if (value === undefined || value === null) continue;
    out[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return out;
}
