// A streaming multipart/form-data reader: it hands each part's bytes to a consumer as they arrive and
// never holds a file in memory (call media may be 1.5 GB). Only the boundary scan keeps a small tail
// buffer between chunks.
import type { IncomingMessage } from 'node:http';
import { badRequest } from './errors.js';

export interface PartInfo {
  name: string;
  filename: string | undefined;
  contentType: string | undefined;
}

export interface PartSink {
  /** Bytes of the part, in order; return false to abort the upload (e.g. over a size cap). */
  data(chunk: Buffer): boolean | void;
  end(): void;
}

export function multipartBoundary(contentType: string | undefined): string {
  const m = /^multipart\/form-data\s*;.*?boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
  const boundary = m?.[1] ?? m?.[2];
  if (!boundary) throw badRequest('Content-Type must be multipart/form-data with a boundary');
  return boundary;
}

function parseHeaders(block: string): PartInfo {
  let name = '';
  let filename: string | undefined;
  let contentType: string | undefined;
  for (const line of block.split('\r\n')) {
    const colon = line.indexOf(':');
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (key === 'content-disposition') {
      name = /\bname="([^"]*)"/i.exec(value)?.[1] ?? '';
      filename = /\bfilename="([^"]*)"/i.exec(value)?.[1];
    } else if (key === 'content-type') {
      contentType = value;
    }
  }
  return { name, filename, contentType };
}

/**
 * Read the request's parts, asking `open` for a sink per part (undefined → the part is skipped).
 * Resolves with the names of the parts seen; rejects with a 400 on malformed input.
 */
export async function readMultipart(req: IncomingMessage, open: (part: PartInfo) => PartSink | undefined): Promise<string[]> {
  const boundary = multipartBoundary(req.headers['content-type']);
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  const seen: string[] = [];
  // The body starts with "--boundary"; prefixing CRLF lets one delimiter pattern find every boundary.
  let buffer: Buffer = Buffer.from('\r\n');
  let state: 'preamble' | 'headers' | 'body' | 'done' = 'preamble';
  let sink: PartSink | undefined;
  let aborted = false;

  const emit = (chunk: Buffer): void => {
    if (sink && chunk.length > 0 && sink.data(chunk) === false) aborted = true;
  };

  for await (const piece of req as AsyncIterable<Buffer>) {
    if (aborted || state === 'done') continue; // drain so the client can read our answer
    buffer = buffer.length === 0 ? piece : Buffer.concat([buffer, piece]);
    for (;;) {
      if (state === 'preamble' || state === 'body') {
        const at = buffer.indexOf(delimiter);
        if (at < 0) {
          // Keep a tail that could be the start of a delimiter; the rest is part data.
          const keep = Math.min(buffer.length, delimiter.length + 1);
          if (state === 'body') emit(buffer.subarray(0, buffer.length - keep));
          buffer = buffer.subarray(buffer.length - keep);
          break;
        }
        if (buffer.length < at + delimiter.length + 2) {
          // Two more bytes tell a part boundary from the closing one; hand over the data before it meanwhile.
          if (state === 'body') emit(buffer.subarray(0, at));
          buffer = buffer.subarray(at);
          break;
        }
        if (state === 'body') {
          emit(buffer.subarray(0, at));
          sink?.end();
          sink = undefined;
        }
        const after = buffer.subarray(at + delimiter.length);
        if (after[0] === 0x2d && after[1] === 0x2d) {
          state = 'done';
          break;
        }
        buffer = after.subarray(2); // CRLF after the boundary
        state = 'headers';
      }
      if (state === 'headers') {
        const end = buffer.indexOf('\r\n\r\n');
        if (end < 0) {
          if (buffer.length > 16_384) throw badRequest('multipart part headers are too long');
          break;
        }
        const info = parseHeaders(buffer.subarray(0, end).toString('utf8'));
        seen.push(info.name);
        sink = open(info);
        buffer = buffer.subarray(end + 4);
        state = 'body';
      }
      if (aborted) break;
    }
  }
  if (aborted) return seen;
  if (state !== 'done') throw badRequest('multipart body ended before its closing boundary');
  return seen;
}
