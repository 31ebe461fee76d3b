// The manifest loader stays strict about the options this catalogue added: defaults, per-route
// converters, failures/collect/keep, and descriptions free of angle brackets.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadManifest } from '../../../src/generator/manifest.js';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const roots: string[] = [];
afterAll(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

/** A scratch project with the real connector.yaml and one tools file. */
function load(tools: string) {
  const root = mkdtempSync(join(tmpdir(), 'gong-manifest-'));
  roots.push(root);
  mkdirSync(join(root, 'manifest', 'tools'), { recursive: true });
  cpSync(join(repoRoot, 'manifest', 'connector.yaml'), join(root, 'manifest', 'connector.yaml'));
  cpSync(join(repoRoot, 'package.json'), join(root, 'package.json'));
  writeFileSync(join(root, 'manifest', 'tools', 'x.yaml'), `tools:\n${tools}`);
  return loadManifest(root);
}

const TOOL = (routes: string, inputs: string) => `
  - name: gong_things_list
    title: List things
    toolset: users
    description: List things. One request. Needs scope api:users:read.
    scopes: [api:users:read]
    annotations: { read_only: true }
    routes:
${routes}
    inputs:
${inputs}`;

const ROUTE = `      - name: a
        when: [flag]
        method: POST
        path: /v2/things
        list: things
      - name: b
        method: GET
        path: /v2/things
        list: things`;
const FLAG = `      flag:
        type: boolean
        description: Switches to route a.
        to: local`;

describe('manifest loader', () => {
  it('copies defaults and per-route converters into the catalogue', () => {
    const { catalog } = load(TOOL(ROUTE, `${FLAG}
      kinds:
        type: array
        items: { type: string }
        default: [A]
        description: Kinds.
        to: { a: body.kinds, b: query.kind }
      day:
        type: string
        description: A day.
        to: { a: body.day, b: query.day }
        convert: { a: date_from }`));
    const tool = catalog.tools[0]!;
    expect(tool.inputs.kinds).toEqual({ to: { a: 'body.kinds', b: 'query.kind' }, default: ['A'] });
    expect(tool.inputs.day).toEqual({ to: { a: 'body.day', b: 'query.day' }, convert: { a: 'date_from' } });
    expect((tool.inputSchema.properties as Record<string, { default?: unknown }>).kinds!.default).toEqual(['A']);
  });

  it.each([
    ['a default on a required input', TOOL(ROUTE, `      x:\n        type: string\n        required: true\n        default: a\n        description: X.\n        to: query.x`), /required input cannot have a default/],
    ['a default that is never sent', TOOL(ROUTE, `      x:\n        type: string\n        default: a\n        description: X.\n        to: local`), /default needs a placement/],
    ['a converter for an unknown route', TOOL(ROUTE, `      x:\n        type: string\n        description: X.\n        to: query.x\n        convert: { c: date_from }`), /unknown route 'c'/],
    ['an unknown per-route converter', TOOL(ROUTE, `      x:\n        type: string\n        description: X.\n        to: query.x\n        convert: { a: nope }`), /unknown converter 'nope'/],
    ['an angle bracket in a nested description', TOOL(ROUTE, `      x:\n        type: object\n        properties:\n          y: { type: string, description: "a <b> tag" }\n        description: X.\n        to: body.x`), /must not contain < or >/],
    ['collect beside a list', TOOL(`      - method: POST\n        path: /v2/things\n        list: things\n        collect: results`, FLAG), /'collect' keeps responses whole/],
    ['keep without a list', TOOL(`      - method: POST\n        path: /v2/things\n        keep: { equals: { active: true } }`, FLAG), /needs a list key/],
    ['a keep window naming an unknown input', TOOL(`      - method: POST\n        path: /v2/things\n        list: things\n        keep: { window: { field: dueDate, from: nope } }`, FLAG), /unknown input 'nope'/],
    ['a keep parties filter naming an unknown input', TOOL(`      - method: POST\n        path: /v2/things\n        list: things\n        keep: { parties: { input: people } }`, FLAG), /unknown input 'people'/],
    ['an empty failures list', TOOL(`      - method: POST\n        path: /v2/things\n        list: things\n        failures: []`, FLAG), /'failures' lists response keys/],
    ['split without a list', TOOL(`      - method: POST\n        path: /v2/things\n        split: transcript`, FLAG), /'split' cuts one list record inside/],
    ['an unknown split kind', TOOL(`      - method: POST\n        path: /v2/things\n        list: things\n        split: chapters`, FLAG), /'split' is one of transcript/],
    ['an unknown route key', TOOL(`      - method: POST\n        path: /v2/things\n        lists: things`, FLAG), /unknown key 'lists'/],
    ['a read tool declaring a shared result input', TOOL(ROUTE, `${FLAG}\n      max_chars:\n        type: integer\n        description: X.\n        to: local`), /'max_chars' is added to every read tool/],
    ['a destructive tool without confirm', TOOL(ROUTE, FLAG).replace('annotations: { read_only: true }', 'annotations: { destructive: true }'), /destructive tools require confirm: true/],
  ])('rejects %s', (_what, yaml, message) => {
    expect(() => load(yaml)).toThrow(message);
  });

  it('loads the real manifest', () => {
    expect(loadManifest(repoRoot).catalog.tools.length).toBe(80);
    // Raw transcripts are cut between sentences by the route's data, not by the tool's name.
    const split = loadManifest(repoRoot).catalog.tools.flatMap((t) => t.routes.filter((r) => r.split).map((r) => `${t.name}:${r.split}`));
    expect(split).toEqual(['gong_calls_transcript_get:transcript']);
  });

  it('gives every manifest tool that reads from Gong response_format and fields, and max_chars where it lists records, kept local', () => {
    const { catalog } = loadManifest(repoRoot);
    const shared = ['max_chars', 'response_format', 'fields'];
    for (const tool of catalog.tools) {
      const props = tool.inputSchema.properties as Record<string, { default?: unknown }>;
      const reads = tool.annotations.readOnlyHint && tool.annotations.openWorldHint && tool.handler === undefined;
      // max_chars where there are records to cut at; a write tool may have an input of its own called fields.
      const lists = tool.routes.some((r) => r.list && !r.collect);
      for (const name of shared) {
        const expected = reads && (name !== 'max_chars' || lists);
        // Handler tools declare their own budget in the manifest (gong_calls_transcript_text).
        if ((reads || name !== 'fields') && !(tool.handler && name === 'max_chars')) expect(name in props, `${tool.name}.${name}`).toBe(expected);
        if (expected) expect(tool.inputs[name], `${tool.name}.${name}`).toEqual({ to: 'local' });
      }
      if (reads) expect(props.response_format!.default).toBe('concise');
      if (reads && lists) expect(props.max_chars!.default).toBe(24_000);
    }
    // Writes and the generic request stay unbudgeted; handler tools budget themselves.
    for (const name of ['gong_api_request', 'gong_calls_create', 'gong_dates_resolve']) {
      expect(catalog.tools.find((t) => t.name === name)!.inputSchema.properties).not.toHaveProperty('max_chars');
    }
    expect(catalog.tools.filter((t) => 'response_format' in (t.inputSchema.properties as object)).length).toBe(45);
    // 34 manifest read tools that list records, gong_calls_transcript_text (its handler budgets by call and sentence)
    // and gong_calls_search (by whole hits).
    expect(catalog.tools.filter((t) => 'max_chars' in (t.inputSchema.properties as object)).map((t) => t.name)).toHaveLength(36);
    for (const name of ['gong_calls_transcript_text', 'gong_calls_search']) {
      expect(catalog.tools.find((t) => t.name === name)!.inputSchema.properties).toHaveProperty('max_chars', expect.objectContaining({ minimum: 2_000, maximum: 1_000_000 }));
    }
    // A list Gong sends whole still needs a cursor for the rest of a result max_chars cut.
    const trackers = catalog.tools.find((t) => t.name === 'gong_trackers_list')!;
    expect(trackers.inputs.cursor).toEqual({ to: 'local' });
  });
});
