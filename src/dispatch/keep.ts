// The manifest's local filters (`keep`): records the connector leaves out itself where Gong has no
// such filter (a field's value, a date window, the calls a person attended), compiled once per call
// from the route and the input.
import type { LocalFilter } from '../catalog/types.js';

type Json = Record<string, unknown>;

export interface CompiledKeep {
  test: (record: unknown) => boolean;
  /** For the note: "with x = 1 and whose started is from … before …". */
  describe: string;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** The instant a window bound stands for; a date-only end means the end of that UTC day. */
function boundMs(value: unknown, isEnd: boolean): number | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  const ms = DATE_ONLY.test(value) ? Date.parse(`${value}T00:00:00Z`) + (isEnd ? 86_400_000 : 0) : Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

export function compileKeep(keep: LocalFilter, input: Readonly<Json>): CompiledKeep | undefined {
  const tests: Array<(r: Json) => boolean> = [];
  const parts: string[] = [];
  for (const [field, value] of Object.entries(keep.equals ?? {})) {
    tests.push((r) => r[field] === value);
    parts.push(`with ${field} = ${JSON.stringify(value)}`);
  }
  if (keep.window) {
    const { field } = keep.window;
    const from = keep.window.from !== undefined ? boundMs(input[keep.window.from], false) : undefined;
    const to = keep.window.to !== undefined ? boundMs(input[keep.window.to], true) : undefined;
    if (from !== undefined || to !== undefined) {
      tests.push((r) => {
        const at = typeof r[field] === 'string' ? Date.parse(r[field]) : Number.NaN;
        if (Number.isNaN(at)) return false;
        return (from === undefined || at >= from) && (to === undefined || at < to);
      });
      const range = [from !== undefined ? `from ${new Date(from).toISOString()}` : '', to !== undefined ? `before ${new Date(to).toISOString()}` : '']
        .filter(Boolean).join(' and ');
      parts.push(`whose ${field} is ${range} (records without ${field} are left out)`);
    }
  }
  const people = keep.parties ? input[keep.parties.input] : undefined;
  if (Array.isArray(people) && people.length > 0) {
    const wanted = new Set(people.map((p) => String(p).trim().toLowerCase()));
    tests.push((r) => Array.isArray(r.parties) && (r.parties as unknown[]).some((party) => {
      if (!party || typeof party !== 'object') return false;
      const { emailAddress, userId } = party as Json;
      return (typeof emailAddress === 'string' && wanted.has(emailAddress.toLowerCase())) || (userId !== undefined && userId !== null && wanted.has(String(userId)));
    }));
    parts.push(`with a party among ${[...wanted].join(', ')} (by email or Gong user id)`);
  }
  if (tests.length === 0) return undefined;
  return {
    test: (record) => record !== null && typeof record === 'object' && tests.every((t) => t(record as Json)),
    describe: parts.join(' and '),
  };
}
