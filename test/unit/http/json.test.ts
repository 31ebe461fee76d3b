import { describe, expect, it } from 'vitest';
import { JsonInteger, JsonTooDeepError, MAX_JSON_DEPTH, parseJson, stringifyJson } from '../../../src/http/json.js';

describe('lossless JSON', () => {
  it('refuses a value nested deeper than MAX_JSON_DEPTH, counting no bracket inside a string', () => {
    const nest = (n: number) => `${'['.repeat(n)}1${']'.repeat(n)}`;
    expect(() => parseJson(`{"x":${nest(5000)}}`)).toThrow(JsonTooDeepError);
    expect(() => parseJson(nest(MAX_JSON_DEPTH + 1))).toThrow(/nests deeper than 256 levels/);
    expect(parseJson(nest(MAX_JSON_DEPTH))).toBeInstanceOf(Array);
    const s = `${'['.repeat(5000)}\\"{`;
    expect(parseJson(JSON.stringify({ s }))).toEqual({ s });
  });

  it('keeps every digit of integers beyond 2^53 as strings', () => {
    const parsed = parseJson('{"integrationId":2271307570613351879,"small":42,"neg":-9223372036854775807}') as Record<string, unknown>;
    expect(parsed.integrationId).toBe('2271307570613351879');
    expect(parsed.small).toBe(42);
    expect(parsed.neg).toBe('-9223372036854775807');
  });

  it('leaves safe integers, floats and exponents as numbers', () => {
    const parsed = parseJson('[9007199254740991, 1234567890123456.5, 1e300, 12345678901234567e2]') as unknown[];
    expect(parsed[0]).toBe(9007199254740991);
    expect(parsed[1]).toBe(1234567890123456.5);
    expect(parsed[2]).toBe(1e300);
    expect(typeof parsed[3]).toBe('number');
  });

  it('never touches digits inside strings, even ones that look like values', () => {
    const text = '{"text":"price: 12345678901234567890, [99999999999999999]","id":"7782342274025937895","n":[12345678901234567890]}';
    const parsed = parseJson(text) as { text: string; id: string; n: unknown[] };
    expect(parsed.text).toBe('price: 12345678901234567890, [99999999999999999]');
    expect(parsed.id).toBe('7782342274025937895');
    expect(parsed.n[0]).toBe('12345678901234567890');
  });

  it('handles escaped quotes inside strings before a big number', () => {
    const parsed = parseJson('{"a":"he said \\"x\\": 1","b":18446744073709551615}') as Record<string, unknown>;
    expect(parsed.a).toBe('he said "x": 1');
    expect(parsed.b).toBe('18446744073709551615');
  });

  it('leaves long fractions and exponents alone when a big integer is also present', () => {
    const parsed = parseJson('{"a":12345678901234567890,"b":0.30000000000000004,"c":-1.2345678901234567e-12345678901234567,"d":[1.00000000000000000001,-98765432109876543210]}') as Record<string, unknown>;
    expect(parsed.a).toBe('12345678901234567890');
    expect(parsed.b).toBe(0.30000000000000004);
    expect(parsed.c).toBe(-0);
    expect(parsed.d).toEqual([1, '-98765432109876543210']);
  });

  it('keeps a bare top-level big integer too', () => {
    expect(parseJson(' 12345678901234567890')).toBe('12345678901234567890');
  });

  it('throws on malformed JSON', () => {
    expect(() => parseJson('{"a": 12345678901234567890')).toThrow();
    expect(() => parseJson('{"a":')).toThrow();
  });

  it('writes JsonInteger values as bare numbers with all digits', () => {
    const text = stringifyJson({ filter: { userId: new JsonInteger('2271307570613351879'), ids: [new JsonInteger('1')] }, s: 'x' });
    expect(text).toBe('{"filter":{"userId":2271307570613351879,"ids":[1]},"s":"x"}');
    expect(() => new JsonInteger('12a')).toThrow(RangeError);
  });

  it('round-trips: parse(stringify(JsonInteger)) keeps the digits', () => {
    const text = stringifyJson({ id: new JsonInteger('9223372036854775807') }, 2);
    expect(parseJson(text)).toEqual({ id: '9223372036854775807' });
  });
});
