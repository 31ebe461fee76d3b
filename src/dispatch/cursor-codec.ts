// Cursors the connector issues itself, in one scheme: a short prefix naming the kind, then the
// position as base64url JSON with `f`, the fingerprint of the inputs it belongs to. A cursor reused
// with other inputs would resume the wrong list, so it is refused; a damaged or forged one too.
import { InvalidInputError } from '../http/errors.js';

/** The fingerprint, or a function computing it only when a connector cursor is read or made. */
export type BoundTo = string | (() => string);
const valueOf = (boundTo: BoundTo): string => (typeof boundTo === 'function' ? boundTo() : boundTo);

export interface CursorCodec<T> {
  readonly prefix: string;
  /** True when `token` is one of this codec's cursors (anything else may be Gong's own cursor). */
  owns(token: string): boolean;
  encode(position: T, boundTo: BoundTo): string;
  /**
   * The position, or an InvalidInputError on `cursor` naming what is wrong; `inRange` checks it
   * against these inputs (e.g. a batch index below the number of batches).
   */
  decode(token: string, boundTo: BoundTo, tool: string, inRange?: (position: T) => boolean): T;
}

export interface CursorKind<T> {
  /** e.g. `gc1.`: kind and version. */
  prefix: string;
  /** The position from the decoded JSON, or undefined when it is not a valid position. */
  read(raw: Readonly<Record<string, unknown>>): T | undefined;
  /** What the caller must pass again to resume (for the hint). */
  sameInputs: string;
}

export function cursorCodec<T extends object>(kind: CursorKind<T>): CursorCodec<T> {
  const refuse = (tool: string, why: string) => new InvalidInputError({
    message: `${tool}: cursor ${why}.`,
    tool, field: 'cursor',
    hint: `Pass next_cursor exactly as a previous result returned it, with ${kind.sameInputs}.`,
  });
  return {
    prefix: kind.prefix,
    owns: (token) => token.startsWith(kind.prefix),
    encode: (position, boundTo) => kind.prefix + Buffer.from(JSON.stringify({ ...position, f: valueOf(boundTo) })).toString('base64url'),
    decode(token, boundTo, tool, inRange) {
      if (!token.startsWith(kind.prefix)) throw refuse(tool, 'is not a cursor this connector issued for this tool');
      let raw: unknown;
      try {
        raw = JSON.parse(Buffer.from(token.slice(kind.prefix.length), 'base64url').toString('utf8'));
      } catch {
        throw refuse(tool, 'is not a cursor this connector issued');
      }
      if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw refuse(tool, 'is not a cursor this connector issued');
      const { f, ...rest } = raw as Record<string, unknown>;
      const position = kind.read(rest);
      if (position === undefined || typeof f !== 'string') throw refuse(tool, 'is not a cursor this connector issued');
      if (f !== valueOf(boundTo)) throw refuse(tool, 'was issued for different inputs');
      if (inRange && !inRange(position)) throw refuse(tool, 'is out of range for these inputs');
      return position;
    },
  };
}

/** A whole number ≥ 0 (and ≤ max when given). */
export function isCount(value: unknown, max = Number.MAX_SAFE_INTEGER): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= max;
}
