// Shared test helpers: a sandbox per test file and a small HTTP client (undici.request, which can send
// a body on GET/DELETE like Gong needs). Gong's spec comes from test/support/spec.ts (the digest).
import { request } from 'undici';
import type { Sandbox } from '../../../src/sandbox/index.js';

export const ANCHOR = new Date('2025-06-01T00:00:00Z');

export function basicAuth(sb: Sandbox): string {
  return `Basic ${Buffer.from(`${sb.credentials.accessKey}:${sb.credentials.accessKeySecret}`).toString('base64')}`;
}

export interface CallOptions {
  body?: unknown;
  /** Raw body text instead of JSON. */
  raw?: string | Buffer;
  query?: Record<string, string | string[]>;
  auth?: string | null;
  headers?: Record<string, string>;
}

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: any;
}

export async function api(sb: Sandbox, method: string, pathname: string, opts: CallOptions = {}): Promise<Reply> {
  const url = new URL(pathname, sb.baseUrl);
  for (const [k, v] of Object.entries(opts.query ?? {})) for (const item of [v].flat()) url.searchParams.append(k, item);
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.auth !== null) headers.authorization = opts.auth ?? basicAuth(sb);
  let body: string | Buffer | undefined = opts.raw;
  if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['content-type'] = 'application/json';
  }
  const res = await request(url, { method: method as 'GET', headers, body: body ?? null });
  const text = await res.body.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.statusCode, headers: res.headers, text, json };
}

/** A multipart/form-data body with one file part (and optional text fields). */
export function multipart(field: string, filename: string, content: Buffer, fields: Record<string, string> = {}): { body: Buffer; contentType: string } {
  const boundary = `----sandbox-test-${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`));
  parts.push(content, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}
