// Lossless JSON for Gong's int64 values. Node 20's JSON.parse cannot see a number's source text,
// so integer literals beyond 2^53 are turned into strings before JSON.parse: a pre-scan finds
// whether any such literal can exist (fast path: plain JSON.parse), and only then a single
// linear regex pass that skips string literals quotes the big integers.

/** An exact integer to send to Gong as a raw JSON number (query/path ids are strings already). */
export class JsonInteger {
  constructor(readonly digits: string) {
    if (!/^-?\d{1,20}$/.test(digits)) throw new RangeError(`not an integer: ${digits}`);
  }
  toJSON(): string {
    return this.digits;
  }
}

// A big integer literal can only follow ':', '[' or ',' (whitespace allowed). Strings such as
// "callId":"7782342274025937895" never match, so typical Gong pages take the fast path.
const MAYBE_BIG_INTEGER = /(?:^|[:[,])\s*-?\d{16}/;
// A number token starts after a structural character, never inside another number: the
// lookbehind keeps the digits of a fraction or an exponent (0.30000000000000004) out.
const STRING_OR_BIG_INTEGER = /"(?:[^"\\]|\\.)*"|(?<![\w.+-])(-?\d{16,})(?![\d.eE])/g;

function isUnsafe(literal: string): boolean {
  const n = Number(literal);
  return !Number.isSafeInteger(n);
}

/**
 * Deeper JSON is refused: Gong's answers nest about ten levels, and a 5,000-deep value parses but
 * then overflows the stack of every walk and JSON.stringify after it.
 */
export const MAX_JSON_DEPTH = 256;

export class JsonTooDeepError extends SyntaxError {
  constructor() {
    super(`the JSON nests deeper than ${MAX_JSON_DEPTH} levels`);
    this.name = 'JsonTooDeepError';
  }
}

const QUOTE = 34;
const BACKSLASH = 92;

/** One linear pass (string literals skipped): does any value nest deeper than MAX_JSON_DEPTH? */
function tooDeep(text: string): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) {
      inString = true;
    } else if (c === 123 || c === 91) {
      if (++depth > MAX_JSON_DEPTH) return true;
    } else if (c === 125 || c === 93) {
      depth--;
    }
  }
  return false;
}

/**
 * Parse JSON keeping every digit: integers beyond Number.MAX_SAFE_INTEGER become strings.
 * Throws JsonTooDeepError for a value nested deeper than MAX_JSON_DEPTH.
 */
export function parseJson(text: string): unknown {
  if (tooDeep(text)) throw new JsonTooDeepError();
  if (!MAYBE_BIG_INTEGER.test(text)) return JSON.parse(text);
  let changed = false;
  const quoted = text.replace(STRING_OR_BIG_INTEGER, (match, big: string | undefined) => {
    if (big === undefined || !isUnsafe(big)) return match;
    changed = true;
    return `"${big}"`;
  });
  return JSON.parse(changed ? quoted : text);
}

const RAW_MARK = '\u0000gong-int:';

/** Serialise JSON; `JsonInteger` values are written as bare number literals with every digit. */
export function stringifyJson(value: unknown, space?: number): string {
  let hasRaw = false;
  const text = JSON.stringify(
    value,
    function replacer(this: unknown, key: string, v: unknown) {
      const holder = this as Record<string, unknown>;
      const original = holder[key];
      if (original instanceof JsonInteger) {
        hasRaw = true;
        return `${RAW_MARK}${original.digits}`;
      }
      return v;
    },
    space,
  );
  if (text === undefined) return 'null';
  return hasRaw ? text.replace(/"\\u0000gong-int:(-?\d+)"/g, '$1') : text;
}

/** Parse an error body when there is one: undefined for an empty or non-JSON text, never a throw. */
export function tryParseJson(text: string): unknown {
  try {
    return text.trim() === '' ? undefined : parseJson(text);
  } catch {
    return undefined;
  }
}
