// The first thing done with a tool input: copy it into plain JSON data, once. Whatever the caller
// handed in (getters, proxies, class instances, cycles, BigInt, NaN, `__proto__` keys, absurd
// nesting, megabytes of text) either becomes a fresh JSON object that validation, the request
// builder and the dry run all read, or is refused with an InvalidInputError naming the field.
// Reading every property exactly once means nothing can change between validation and sending.
import { InvalidInputError } from '../http/errors.js';

export interface InputLimits {
  /** Largest input, counted as its JSON size in bytes. */
  maxBytes: number;
  /** Deepest nesting of objects and arrays. */
  maxDepth: number;
}

export const DEFAULT_INPUT_LIMITS: InputLimits = { maxBytes: 1_000_000, maxDepth: 32 };

/** Keys that reach Object.prototype when assigned; no Gong field is called this. */
const FORBIDDEN_KEYS = new Set(['__proto__']);

class Refusal {
  constructor(readonly field: string, readonly rule: string) {}
}

export function snapshotInput(tool: string, input: unknown, limits: InputLimits = DEFAULT_INPUT_LIMITS): Record<string, unknown> {
  const state = { bytes: 0, stack: new Set<object>() };
  let copy: unknown;
  try {
    if (!isPlainObject(input)) throw new Refusal('input', 'must be a JSON object');
    copy = walk(input, '', 0, state, limits);
  } catch (error) {
    const refusal = error instanceof Refusal ? error : new Refusal('input', 'could not be read as JSON data');
    const size = refusal.rule.startsWith('is over') ? ' Split the work into smaller calls.' : '';
    throw new InvalidInputError({
      message: `Invalid input for ${tool}: ${refusal.field} ${refusal.rule}.`,
      tool, field: refusal.field,
      hint: `Nothing was sent to Gong. Tool inputs are plain JSON objects.${size}`,
    });
  }
  return copy as Record<string, unknown>;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

const at = (parent: string, key: string | number) =>
  typeof key === 'number' ? `${parent || 'input'}[${key}]` : parent ? `${parent}.${key}` : key;

function count(state: { bytes: number }, limits: InputLimits, n: number, field: string): void {
  state.bytes += n;
  if (state.bytes > limits.maxBytes) throw new Refusal(field || 'input', `is over the ${limits.maxBytes}-byte input limit`);
}

function walk(value: unknown, field: string, depth: number, state: { bytes: number; stack: Set<object> }, limits: InputLimits): unknown {
  switch (typeof value) {
    case 'string':
      count(state, limits, Buffer.byteLength(value, 'utf8') + 2, field);
      return value;
    case 'number':
      if (!Number.isFinite(value)) throw new Refusal(field || 'input', `must be a finite number (got ${String(value)})`);
      // A JavaScript number beyond 2^53 has lost digits before it got here: an int64 Gong id
      // must travel as a string, never be sent rounded.
      if (Number.isInteger(value) && !Number.isSafeInteger(value)) {
        throw new Refusal(field || 'input', `is a number beyond ${Number.MAX_SAFE_INTEGER}, which JSON numbers cannot carry exactly (its last digits are already lost); pass the id as a string of digits, e.g. "2271307570613351879"`);
      }
      count(state, limits, 24, field);
      return value;
    case 'boolean':
      count(state, limits, 5, field);
      return value;
    case 'object':
      break;
    default:
      throw new Refusal(field || 'input', `must be JSON data (got a ${typeof value})`);
  }
  if (value === null) {
    count(state, limits, 4, field);
    return null;
  }
  if (depth >= limits.maxDepth) throw new Refusal(field || 'input', `nests deeper than ${limits.maxDepth} levels`);
  if (state.stack.has(value)) throw new Refusal(field || 'input', 'refers to itself (a cycle)');
  state.stack.add(value);
  try {
    if (Array.isArray(value)) {
      const out: unknown[] = [];
      const length = value.length;
      count(state, limits, 2 + length, field);
      for (let i = 0; i < length; i++) {
        const item: unknown = value[i];
        if (item === undefined) throw new Refusal(at(field, i), 'must be JSON data (got undefined)');
        out.push(walk(item, at(field, i), depth + 1, state, limits));
      }
      return out;
    }
    if (!isPlainObject(value)) throw new Refusal(field || 'input', 'must be a plain JSON object');
    const out: Record<string, unknown> = {};
    count(state, limits, 2, field);
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) throw new Refusal(at(field, key), 'is not allowed (a prototype key)');
      const item: unknown = value[key];
      if (item === undefined) continue;
      count(state, limits, Buffer.byteLength(key, 'utf8') + 4, at(field, key));
      out[key] = walk(item, at(field, key), depth + 1, state, limits);
    }
    return out;
  } finally {
    state.stack.delete(value);
  }
}
