// Hostile input: whatever a caller hands executeTool is copied into plain JSON once, or refused
// with an InvalidInputError naming the field; nothing reaches the network.
import { describe, expect, it } from 'vitest';
import { catalog } from '../../../src/catalog/index.js';
import type { Connector } from '../../../src/connector.js';
import { snapshotInput } from '../../../src/dispatch/snapshot.js';
import { type GongError, InvalidInputError } from '../../../src/http/errors.js';
import { unsafeApiPathReason, finalUrl } from '../../../src/http/path.js';
import { useReplyConnector } from '../../support/connector.js';
import type { ReplyServer } from '../../support/server.js';

let server: ReplyServer;
let connector: Connector;
useReplyConnector((s, c) => { server = s; connector = c; });

const refused = (input: unknown) => {
  try {
    snapshotInput('t', input);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    return (error as InvalidInputError).message;
  }
  throw new Error('accepted');
};

describe('snapshotInput', () => {
  it('copies plain JSON and drops undefined properties', () => {
    const input = { a: 'x', b: [1, true, null, { c: 'd' }], e: undefined };
    const copy = snapshotInput('t', input);
    expect(copy).toEqual({ a: 'x', b: [1, true, null, { c: 'd' }] });
    expect(copy.b).not.toBe(input.b);
  });

  it('reads each property once, so a getter cannot change the input after validation', () => {
    let reads = 0;
    const input = { get call_id() { reads += 1; return reads === 1 ? '123' : '../../admin'; } };
    expect(snapshotInput('t', input)).toEqual({ call_id: '123' });
    expect(reads).toBe(1);
  });

  it.each([
    ['NaN', { n: Number.NaN }, 'n must be a finite number (got NaN)'],
    ['Infinity', { n: [1, Number.POSITIVE_INFINITY] }, 'n[1] must be a finite number (got Infinity)'],
    ['BigInt', { n: 10n }, 'n must be JSON data (got a bigint)'],
    ['a function', { f: () => 1 }, 'f must be JSON data (got a function)'],
    ['a symbol', { s: Symbol('x') }, 's must be JSON data (got a symbol)'],
    ['a Date', { d: new Date(0) }, 'd must be a plain JSON object'],
    ['a Map', { m: new Map() }, 'm must be a plain JSON object'],
    ['a class instance', { c: new (class Foo { x = 1; })() }, 'c must be a plain JSON object'],
    ['__proto__ from JSON.parse', JSON.parse('{"a":{"__proto__":{"polluted":true}}}'), 'a.__proto__ is not allowed (a prototype key)'],
    ['an undefined array item', { a: [1, undefined] }, 'a[1] must be JSON data (got undefined)'],
    ['an array as the input', [1], 'input must be a JSON object'],
    ['null as the input', null, 'input must be a JSON object'],
    ['a string as the input', 'call_ids=1', 'input must be a JSON object'],
  ])('refuses %s', (_, input, message) => {
    expect(refused(input)).toBe(`Invalid input for t: ${message}.`);
  });

  it('refuses an integer beyond 2^53 (already rounded), asking for the id as a string', () => {
    expect(refused({ integration_id: 2271307570613351879 })).toBe(
      'Invalid input for t: integration_id is a number beyond 9007199254740991, which JSON numbers cannot carry exactly (its last digits are already lost); pass the id as a string of digits, e.g. "2271307570613351879".',
    );
    expect(snapshotInput('t', { id: Number.MAX_SAFE_INTEGER, f: 1.5 })).toEqual({ id: Number.MAX_SAFE_INTEGER, f: 1.5 });
  });

  it('refuses cycles, deep nesting and oversized input, stopping early', () => {
    const cyclic: Record<string, unknown> = { a: {} };
    (cyclic.a as Record<string, unknown>).back = cyclic;
    expect(refused(cyclic)).toContain('a.back refers to itself (a cycle)');
    let deep: unknown = 'x';
    for (let i = 0; i < 40; i++) deep = { d: deep };
    expect(refused(deep)).toContain('nests deeper than 32 levels');
    expect(refused({ s: 'x'.repeat(1_000_001) })).toContain('s is over the 1000000-byte input limit');
    const sparse: unknown[] = [];
    sparse.length = 2 ** 32 - 1;
    expect(refused({ a: sparse })).toContain('a is over the 1000000-byte input limit');
  });

  it('refuses a proxy whose traps throw, without letting the exception escape', () => {
    const hostile = new Proxy({}, { ownKeys() { throw new Error('trap'); }, getPrototypeOf() { return Object.prototype; } });
    expect(refused(hostile)).toBe('Invalid input for t: input could not be read as JSON data.');
  });

  it('leaves Object.prototype alone', () => {
    try { snapshotInput('t', JSON.parse('{"__proto__":{"polluted":true}}')); } catch { /* refused */ }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('every path parameter of the catalogue is constrained', () => {
  const pathInputs = catalog.tools.flatMap((tool) => Object.entries(tool.inputs)
    .filter(([, m]) => (typeof m.to === 'string' ? [m.to] : Object.values(m.to)).some((to) => to.startsWith('path.')))
    .map(([name]) => [tool.name, name, ((tool.inputSchema.properties ?? {}) as Record<string, { pattern?: string }>)[name]?.pattern] as const));

  it.each(pathInputs)('%s.%s has a pattern no traversal or host can match', (_, __, pattern) => {
    expect(pattern).toMatch(/^\^.*\$$/);
    const re = new RegExp(pattern!, 'u');
    for (const hostile of ['.', '..', '../x', '%2e%2e', 'a/b', 'a\\b', '@evil.com', 'evil.com:443', 'a?b', 'a#b', '', ' 1']) {
      expect(re.test(hostile), hostile).toBe(false);
    }
  });
});

describe('paths and URLs', () => {
  it('accepts Gong paths and refuses everything that could leave /v2/ or the host', () => {
    expect(unsafeApiPathReason('/v2/calls/7782342274025937895')).toBeUndefined();
    expect(unsafeApiPathReason('/v2/crm/request-status')).toBeUndefined();
    for (const bad of ['/v2/..', '/v2/%2e%2E', '/v2/.%2e/x', '/v2/a/%2F', '/v2/%5C', '/v2/%252e', '/v2/a?x', 'v2/a', '/v2', '/v2/%E0%A4%A']) {
      expect(unsafeApiPathReason(bad), bad).toBeDefined();
    }
  });

  it('the final URL keeps the origin and the exact path', () => {
    expect(finalUrl('https://api.gong.io', '/v2/calls', '?a=1')?.href).toBe('https://api.gong.io/v2/calls?a=1');
    expect(finalUrl('https://api.gong.io', '/v2/%2e%2e/x', '')).toBeUndefined();
  });
});

describe('through executeTool: refused, and nothing is sent', () => {
  const hostile: Array<[string, string, unknown]> = [
    ['a path-traversal id', 'gong_call_get', { id: '../../admin' }],
    ['an encoded traversal id', 'gong_call_get', { id: '%2e%2e' }],
    ['a host in an id', 'gong_call_get', { id: '@evil.com' }],
    ['a URL as an id', 'gong_call_get', { id: 'https://evil.com/' }],
    ['a unicode digit id', 'gong_call_get', { id: '١٢٣' }],
    ['a 21-digit id', 'gong_call_get', { id: '123456789012345678901' }],
    ['an id with a newline', 'gong_call_get', { id: '123\n' }],
    ['gong_api_request leaving /v2/', 'gong_api_request', { method: 'GET', path: '/v2/%2e%2e/admin' }],
    ['gong_api_request with a host', 'gong_api_request', { method: 'GET', path: '//evil.com/v2/calls' }],
    ['gong_api_request with a query in the path', 'gong_api_request', { method: 'GET', path: '/v2/calls?x=1' }],
    ['gong_api_request with a backslash', 'gong_api_request', { method: 'GET', path: '/v2/calls\\..\\x' }],
    ['a huge query', 'gong_api_request', { method: 'GET', path: '/v2/calls', query: { a: 'x'.repeat(9_000) } }],
    ['prototype pollution', 'gong_users_list', JSON.parse('{"__proto__":{"admin":true}}')],
    ['a constructor key', 'gong_users_list', { constructor: { prototype: {} } }],
    ['NaN', 'gong_calls_list', { limit: Number.NaN }],
    ['an unknown key', 'gong_calls_list', { form_date_time: '2026-01-01T00:00:00Z' }],
  ];
  it.each(hostile)('%s', async (_, tool, input) => {
    const error = await connector.executeTool(tool, input).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as GongError).exitCode).toBe(2);
    expect(server.requests).toHaveLength(0);
  });

  it('a URL over 8,000 characters is refused with the length', async () => {
    const error = await connector.executeTool('gong_api_request', { method: 'GET', path: '/v2/calls', query: { a: 'x'.repeat(9_000) } }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/the request URL would be \d+ characters, over the 8000-character limit; nothing was sent/);
  });
});
