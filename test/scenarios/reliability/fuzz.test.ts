// Fuzzing every tool of the catalogue with generated malformed inputs (seeded, deterministic):
// each must be refused with an InvalidInputError — no crash, no other error class, no unhandled
// rejection — and not one request may reach the loopback server. Prints what it tried.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalog } from '../../../src/catalog/index.js';
import type { JsonSchema, ToolEntry } from '../../../src/catalog/types.js';
import type { Connector } from '../../../src/connector.js';
import { GongError, InvalidInputError } from '../../../src/http/errors.js';
import { testConnector } from '../../support/connector.js';
import { mulberry32 } from '../../../src/sandbox/random.js';
import { startReplyServer, type ReplyServer } from '../../support/server.js';

const TARGET_INPUTS = 10_000;
const tools = catalog.tools;
const perTool = Math.max(120, Math.ceil(TARGET_INPUTS / tools.length));

let server: ReplyServer;
let connector: Connector;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(async () => {
  server = await startReplyServer(() => ({ body: { requestId: 'r1' } }));
  // Uploads read only from under the upload folder: the fuzz's real files live in their own.
  connector = testConnector(server.url, { uploadDir: UPLOAD_DIR });
  process.on('unhandledRejection', onUnhandled);
  process.on('uncaughtException', onUnhandled);
});
afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  process.off('uncaughtException', onUnhandled);
  await connector.close();
  await server.close();
});

// ---------------------------------------------------------------------------------------------
// Valid values from a schema (the base each mutation breaks in exactly one place).

const PATTERN_SAMPLES = ['7782342274025937895', '1,2', '/v2/calls', 'abc', 'req-1', 'a1', 'ABC', '2026-01-01', '12:00', '+14155550100', '14155550100', 'x'];

function validValue(schema: JsonSchema): unknown {
  if (schema.const !== undefined) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string':
      if (schema.format === 'date-time') return '2026-01-01T00:00:00Z';
      if (schema.format === 'date') return '2026-01-01';
      if (schema.format === 'email') return 'ann@example.com';
      if (schema.format === 'uri') return 'https://example.com/x';
      if (typeof schema.pattern === 'string') {
        const re = new RegExp(schema.pattern, 'u');
        return PATTERN_SAMPLES.find((v) => re.test(v));
      }
      return 'text';
    case 'integer':
    case 'number':
      return typeof schema.minimum === 'number' ? schema.minimum : 1;
    case 'boolean':
      return true;
    case 'array': {
      const item = validValue((schema.items ?? { type: 'string' }) as JsonSchema);
      return item === undefined ? undefined : [item];
    }
    case 'object': {
      const out: Record<string, unknown> = {};
      const props = (schema.properties ?? {}) as Record<string, JsonSchema>;
      for (const name of (schema.required ?? []) as string[]) {
        const v = props[name] ? validValue(props[name]) : 'x';
        if (v !== undefined) out[name] = v;
      }
      if (typeof schema.minProperties === 'number' && Object.keys(out).length < schema.minProperties) {
        const [name, sub] = Object.entries(props)[0] ?? ['field', { type: 'string' }];
        out[name] = validValue(sub) ?? 'text';
      }
      return out;
    }
    default:
      return 'text';
  }
}

/** Real files for inputs the manifest uploads (`file.*`), of the kind each field accepts, so the base passes the dry run. */
const UPLOAD_DIR = mkdtempSync(join(tmpdir(), 'gong-fuzz-'));
const UPLOADS: Record<string, string> = { mediaFile: join(UPLOAD_DIR, 'call.mp3'), dataFile: join(UPLOAD_DIR, 'accounts.ldjson') };
writeFileSync(UPLOADS.mediaFile!, 'ID3 not really audio');
writeFileSync(UPLOADS.dataFile!, '{"objectId":"1"}\n');

function baseInput(tool: ToolEntry): Record<string, unknown> {
  const base = validValue({ ...tool.inputSchema, type: 'object' }) as Record<string, unknown>;
  for (const [name, mapping] of Object.entries(tool.inputs)) {
    const to = typeof mapping.to === 'string' ? [mapping.to] : Object.values(mapping.to);
    const file = to.find((t) => t.startsWith('file.'));
    if (file && name in base) base[name] = UPLOADS[file.slice(5)];
  }
  // Semantic requirements a schema cannot express: a call needs its primary user.
  if ('primary_user' in ((tool.inputSchema.properties ?? {}) as object)) base.primary_user = '7782342274025937895';
  const anyOf = tool.inputSchema.anyOf as Array<{ required: string[] }> | undefined;
  const props = (tool.inputSchema.properties ?? {}) as Record<string, JsonSchema>;
  for (const name of anyOf?.[0]?.required ?? []) {
    const v = props[name] ? validValue(props[name]) : undefined;
    if (v !== undefined) base[name] = v;
  }
  return base;
}

// ---------------------------------------------------------------------------------------------
// Mutations: each returns an input that is invalid by construction, or undefined when it does
// not apply to this property.

type Rng = () => number;
const pick = <T,>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;

const HOSTILE_IDS = [
  '../', '../../admin', '..', '.', '%2e%2e', '%2E%2E%2F', '..%2f', '%252e%252e', '@evil.com', 'evil.com:443', 'https://evil.com/',
  '//evil.com', '1/../../x', '1?x=1', '1#frag', '1\\..\\x', ' 1', '1 ', '1\n', '\u0000', '１２３', '١٢٣', '123456789012345678901',
  '-1', '1e5', '0x1F', '', ' ', '🔥', 'null', 'undefined', 'NaN', '\u202e123', 'a'.repeat(300),
];
const BAD_DATES = ['yesterday', '2026-13-01T00:00:00Z', '2026-02-30T25:61:00Z', '2026-01-01', '2026-01-01T00:00:00', '01/02/2026', '', 'T', '2026-01-01T00:00:00Zjunk'];
const BAD_EMAILS = ['not-an-email', '@evil.com', 'a@', 'a b@c.d', '<a@b.co>', 'a@b', ''];
const UNKNOWN_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'callIds', 'CALL_IDS', 'call_ids ', '', 'ümlaut', '💥', '$ref', 'x'.repeat(5000), 'limit\u0000'];
const BIG_STRING = 'x'.repeat(1_100_000);
const OTHER_TYPED: Record<string, unknown[]> = {
  string: [1, 0, -1, true, false, null, [], {}, ['1'], { id: '1' }, Number.NaN, Number.POSITIVE_INFINITY],
  integer: ['1', '', 1.5, -0.5, true, null, [], {}, [1], Number.NaN, Number.NEGATIVE_INFINITY, 1e400],
  number: ['1', true, null, [], {}, Number.NaN, Number.POSITIVE_INFINITY],
  boolean: ['true', 1, 0, null, [], {}, 'yes'],
  array: ['1', 1, true, null, {}, { 0: '1', length: 1 }],
  object: ['{}', 1, true, null, [], [{}]],
};

function setProp(base: Record<string, unknown>, name: string, value: unknown): Record<string, unknown> {
  const out = { ...base };
  Object.defineProperty(out, name, { value, enumerable: true, writable: true, configurable: true });
  return out;
}

function propertyMutations(rng: Rng, base: Record<string, unknown>, name: string, schema: JsonSchema, required: boolean): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = [];
  const type = schema.type;
  if (typeof type === 'string' && OTHER_TYPED[type]) {
    let wrong = pick(rng, OTHER_TYPED[type]!);
    // 'integer' and 'number' accept each other's whole numbers; null is invalid for every single type.
    if (type === 'number' && typeof wrong === 'number' && Number.isFinite(wrong)) wrong = 'NaN';
    out.push([`wrong type (${type})`, setProp(base, name, wrong)]);
  }
  if (typeof schema.pattern === 'string') {
    const re = new RegExp(schema.pattern, 'u');
    const bad = HOSTILE_IDS.filter((v) => !re.test(v));
    out.push(['pattern-violating string', setProp(base, name, pick(rng, bad))]);
  }
  if (schema.type === 'array' && schema.items && typeof (schema.items as JsonSchema).pattern === 'string') {
    const re = new RegExp((schema.items as JsonSchema).pattern as string, 'u');
    out.push(['hostile id in a list', setProp(base, name, ['7782342274025937895', pick(rng, HOSTILE_IDS.filter((v) => !re.test(v)))])]);
  }
  if (schema.type === 'array' && typeof schema.minItems === 'number' && schema.minItems > 0) out.push(['empty list', setProp(base, name, [])]);
  if (schema.type === 'array' && schema.uniqueItems === true) {
    const item = validValue((schema.items ?? {}) as JsonSchema);
    if (item !== undefined) out.push(['duplicate ids', setProp(base, name, [item, item])]);
  }
  if (Array.isArray(schema.enum)) out.push(['value outside the enum', setProp(base, name, `${String(schema.enum[0])}_NOT`)]);
  if (schema.format === 'date-time') out.push(['bad date-time', setProp(base, name, pick(rng, BAD_DATES))]);
  if (schema.format === 'email') out.push(['bad email', setProp(base, name, pick(rng, BAD_EMAILS))]);
  if (typeof schema.maxLength === 'number' && schema.maxLength < 100_000) out.push(['string over maxLength', setProp(base, name, 'y'.repeat(schema.maxLength + 1))]);
  if (typeof schema.minLength === 'number' && schema.minLength > 0) out.push(['string under minLength', setProp(base, name, '')]);
  if (typeof schema.maximum === 'number') out.push(['number over maximum', setProp(base, name, schema.maximum + 1)]);
  if (typeof schema.minimum === 'number') out.push(['number under minimum', setProp(base, name, schema.minimum - 1)]);
  if (schema.const === true) out.push(['confirm not true', setProp(base, name, false)]);
  if (required) {
    const missing = { ...base };
    delete missing[name];
    out.push(['required input missing', missing]);
  }
  // Non-JSON values, for any property: a quarter of the picks, so schema-aware cases dominate.
  if (out.length === 0 || rng() < 0.25) {
    out.splice(0, out.length, pick(rng, [
      ['NaN value', setProp(base, name, Number.NaN)],
      ['BigInt value', setProp(base, name, 10n)],
      ['function value', setProp(base, name, () => 'x')],
      ['Date value', setProp(base, name, new Date(0))],
    ] as Array<[string, unknown]>));
  }
  return out;
}

function structuralMutation(rng: Rng, base: Record<string, unknown>, props: string[]): [string, unknown] {
  const name = props.length > 0 ? pick(rng, props) : 'x';
  switch (Math.floor(rng() * 14)) {
    case 0: {
      const key = pick(rng, UNKNOWN_KEYS.filter((k) => !props.includes(k)));
      return ['unknown key', key === '__proto__' ? Object.assign(JSON.parse('{"__proto__":{"polluted":true}}') as object, base) : setProp(base, key, 'x')];
    }
    case 1: return ['non-object input', pick(rng, [null, [], [base], 'call_ids=1', 42, true, Number.NaN])];
    case 2: {
      const cyclic: Record<string, unknown> = { ...base };
      cyclic[name] = { back: cyclic };
      return ['cycle', cyclic];
    }
    case 3: {
      let deep: unknown = '1';
      for (let i = 0; i < 40; i++) deep = { d: deep };
      return ['nesting 40 deep', setProp(base, name, deep)];
    }
    case 4: return ['input over 1 MB', setProp(base, name, BIG_STRING)];
    case 5: return ['getter that throws', Object.defineProperty({ ...base }, name, { enumerable: true, get() { throw new Error('getter'); } })];
    case 6: return ['proxy that throws', new Proxy({ ...base }, { ownKeys() { throw new Error('trap'); } })];
    case 7: return ['symbol value', setProp(base, name, Symbol('s'))];
    case 8: return ['Map value', setProp(base, name, new Map([['a', 1]]))];
    case 9: return ['class instance input', Object.assign(new (class Input {})(), base)];
    case 10: return ['undefined inside a list', setProp(base, name, ['1', undefined])];
    case 11: return ['nested __proto__', setProp(base, name, JSON.parse('{"__proto__":{"isAdmin":true}}'))];
    case 12: return ['Infinity value', setProp(base, name, Number.NEGATIVE_INFINITY)];
    default: {
      const sparse: unknown[] = [];
      sparse.length = 100_000_000;
      return ['huge sparse list', setProp(base, name, sparse)];
    }
  }
}

/** [family, input, the field the error must name (property mutations only)] */
type Case = [string, unknown, string?];

function* inputsFor(tool: ToolEntry, seed: number): Generator<Case> {
  const rng = mulberry32(seed);
  const base = baseInput(tool);
  const props = Object.keys((tool.inputSchema.properties ?? {}) as object);
  const required = new Set((tool.inputSchema.required ?? []) as string[]);
  const schemaOf = (name: string) => ((tool.inputSchema.properties ?? {}) as Record<string, JsonSchema>)[name]!;
  for (let i = 0; i < perTool; i++) {
    // Alternate property mutations (fresh random picks each time) and structural ones.
    if (i % 2 === 0 && props.length > 0) {
      const name = props[Math.floor(rng() * props.length)]!;
      const cases = propertyMutations(rng, base, name, schemaOf(name), required.has(name));
      const [family, input] = pick(rng, cases);
      yield [family, input, name];
    } else {
      yield structuralMutation(rng, base, props);
    }
  }
}

describe(`fuzzing ${tools.length} tools with malformed input`, () => {
  it(`refuses ≥ ${TARGET_INPUTS} generated inputs: no crash, no other error, no request`, async () => {
    const byFamily = new Map<string, number>();
    const problems: string[] = [];
    let tried = 0;
    let refused = 0;
    let basesValid = 0;
    const invalidBases: string[] = [];
    const started = Date.now();
    for (const [index, tool] of tools.entries()) {
      // The base input is valid (checked with a dry run, which sends nothing): each mutation is one fault.
      const base = await connector.executeTool(tool.name, baseInput(tool), { dryRun: true }).then(() => true, (e: unknown) => { invalidBases.push(`${tool.name}: ${(e as Error).message}`); return false; });
      if (base) basesValid += 1;
      for (const [family, input, field] of inputsFor(tool, 1000 + index)) {
        tried += 1;
        byFamily.set(family, (byFamily.get(family) ?? 0) + 1);
        try {
          await connector.executeTool(tool.name, input);
          problems.push(`${tool.name} accepted ${family}`);
        } catch (error) {
          if (error instanceof InvalidInputError) {
            refused += 1;
            // The error names the offending field, and says nothing was sent.
            if (field !== undefined && !(error.field ?? '').startsWith(field)) problems.push(`${tool.name} ${family}: named '${String(error.field)}', not '${field}': ${error.message}`);
            if (!(error.hint ?? '').includes('Nothing was sent')) problems.push(`${tool.name} ${family}: hint does not say nothing was sent`);
            if (family === 'unknown key' && !/is not an input of|prototype key/.test(error.message)) problems.push(`${tool.name} unknown key: ${error.message}`);
          }
          else if (error instanceof GongError) problems.push(`${tool.name} ${family}: ${error.name} (${error.code}): ${error.message}`);
          else problems.push(`${tool.name} ${family}: CRASH ${String(error)}`);
        }
      }
    }
    await new Promise((r) => setImmediate(r));
    const families = [...byFamily].sort((a, b) => b[1] - a[1]).map(([f, n]) => `${f} ${n}`).join(', ');
    console.log(
      `[fuzz] ${tried} malformed inputs across ${tools.length} tools (${basesValid} valid bases): ${refused} refused with InvalidInputError, ` +
      `${problems.length} problems, ${unhandled.length} unhandled rejections, ${server.requests.length} requests sent; ${Date.now() - started} ms\n[fuzz] families: ${families}`,
    );
    expect(invalidBases).toEqual([]);
    expect(problems.slice(0, 40)).toEqual([]);
    expect(tried).toBeGreaterThanOrEqual(TARGET_INPUTS);
    expect(refused).toBe(tried);
    expect(unhandled).toEqual([]);
    expect(server.requests).toHaveLength(0);
    expect(invalidBases).toEqual([]);
    expect(basesValid).toBe(tools.length);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
