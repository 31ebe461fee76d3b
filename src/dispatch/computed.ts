// Request fields derived from the whole input (`computed:` in the manifest).
import { createHash } from 'node:crypto';
import { stringifyJson } from '../http/json.js';

export type ComputedFn = (input: Readonly<Record<string, unknown>>) => unknown;

/** Stable JSON of the input (keys sorted), so the same input always yields the same key. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return stringifyJson(value);
}

const digest = (prefix: string, input: unknown) =>
  `${prefix}-${createHash('sha256').update(canonical(input)).digest('hex').slice(0, 32)}`;

export const COMPUTED: Record<string, ComputedFn> = {
  /**
   * Gong deduplicates uploads on clientUniqueId. Deriving it from the input (when the caller gives
   * none) means a retried or re-run call registers the same call once, never twice.
   */
  client_unique_id: (input) =>
    typeof input.client_unique_id === 'string' && input.client_unique_id !== ''
      ? input.client_unique_id
      : digest('gc', { ...input, client_unique_id: undefined }),
  /** Gong deduplicates digital interactions on eventId: derived from the event's inputs. */
  event_id: (input) => digest('ge', input),
  /** `primary_user`, else the first party that has a Gong user id. */
  primary_user: (input) => {
    if (typeof input.primary_user === 'string') return input.primary_user;
    const parties = Array.isArray(input.parties) ? (input.parties as Array<Record<string, unknown>>) : [];
    const withUser = parties.find((p) => typeof p.user_id === 'string' || typeof p.userId === 'string');
    return withUser ? (withUser.user_id ?? withUser.userId) : undefined;
  },
};
