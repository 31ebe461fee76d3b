// Stable digests of inputs: the same input always yields the same key, whatever its key order.
import { createHash } from 'node:crypto';
import { stringifyJson } from '../http/json.js';

/** Canonical JSON: object keys sorted, undefined members left out. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return stringifyJson(value);
}

/** The first `length` hex digits of the SHA-256 of the canonical JSON. */
export function fingerprint(value: unknown, length = 16): string {
  return createHash('sha256').update(canonical(value)).digest('hex').slice(0, length);
}
