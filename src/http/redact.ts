// Redaction, decided in one place. Every credential the connector learns (tokens, access key
// pairs, client secrets, the Authorization headers built from them) is registered here, and every
// output path — error messages and their JSON, --dry-run, debug lines, CLI stdout/stderr, MCP
// results — passes through `redactText` / `redactValue` as a final guard. Secrets are left out,
// not masked: no prefix, suffix or length of a secret is ever shown.

import { JsonInteger } from './json.js';

const secrets = new Set<string>();
/** Longest first, so a secret that contains another is removed whole. */
let ordered: string[] = [];

/** Shorter values are not treated as secrets: removing every "ab" from all output would destroy it. */
const MIN_SECRET_LENGTH = 4;

/** Object keys whose values are credentials by name; they are left out of redacted values. */
const SECRET_KEY = /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key|api[-_]?key|access[-_]?token|refresh[-_]?token|id[-_]?token|client[-_]?secret|access[-_]?key[-_]?secret|password|secret|token)$/i;

function add(value: string): void {
  if (value.length < MIN_SECRET_LENGTH || secrets.has(value)) return;
  secrets.add(value);
  ordered = [...secrets].sort((a, b) => b.length - a.length);
}

/** Register a secret and the forms it can take in output (URL-encoded, JSON-escaped, base64). */
export function registerSecret(value: string | undefined | null): void {
  if (typeof value !== 'string') return;
  const trimmed = value.trim();
  if (trimmed.length < MIN_SECRET_LENGTH) return;
  for (const form of [value, trimmed, encodeURIComponent(trimmed), JSON.stringify(trimmed).slice(1, -1), Buffer.from(trimmed).toString('base64')]) {
    add(form);
  }
}

/** An access key pair: both halves, and the Basic credential built from them. */
export function registerKeyPair(accessKey: string, accessKeySecret: string): void {
  registerSecret(accessKey);
  registerSecret(accessKeySecret);
  registerSecret(`${accessKey}:${accessKeySecret}`);
}

/** The text with every registered secret left out. */
export function redactText(text: string): string {
  if (ordered.length === 0 || text.length < MIN_SECRET_LENGTH) return text;
  let out = text;
  for (const secret of ordered) {
    if (out.includes(secret)) out = out.split(secret).join('');
  }
  return out;
}

/**
 * A copy of a JSON-like value with secrets left out: credential-named keys are dropped and
 * every string (keys included) is redacted. Cycles and non-plain values are cut, never followed.
 */
export function redactValue(value: unknown): unknown {
  return walk(value, new WeakSet<object>(), 0, true);
}

/**
 * A copy with every registered secret left out of its strings, keys kept whatever their name:
 * for data the caller wrote (a request body), where a field called `token` or `password` is
 * content that is sent, and must be shown as sent.
 */
export function redactSecretValues(value: unknown): unknown {
  return walk(value, new WeakSet<object>(), 0, false);
}

function walk(value: unknown, seen: WeakSet<object>, depth: number, byName: boolean): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value) || depth > 64) return undefined;
  seen.add(value);
  if (value instanceof JsonInteger) return value;
  if (Array.isArray(value)) {
    const items = value.map((v) => walk(v, seen, depth + 1, byName));
    seen.delete(value);
    return items;
  }
  const json = (value as { toJSON?: unknown }).toJSON;
  if (typeof json === 'function') {
    const plain = walk((json as () => unknown).call(value), seen, depth + 1, byName);
    seen.delete(value);
    return plain;
  }
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (byName && SECRET_KEY.test(key)) continue;
    const cleanKey = redactText(key);
    if (cleanKey === '') continue;
    out[cleanKey] = walk(v, seen, depth + 1, byName);
  }
  seen.delete(value);
  return out;
}
