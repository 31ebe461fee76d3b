// The sandbox validates request bodies with its own schemas (the spec file does not ship with the
// package). This contract test walks them side by side with the spec's request schemas: at every
// level the sandbox describes, the property names, types and required lists must match the spec's.
import { describe, expect, it } from 'vitest';
import { ROUTES } from '../../../src/sandbox/routes/index.js';
import { loadSpec, specOperations } from '../../support/spec.js';

type S = Record<string, any>;

function resolve(schema: S): S {
  let s = schema;
  while (typeof s.$ref === 'string') {
    const name = s.$ref.split('/').pop() as string;
    s = loadSpec().components.schemas[name] as S;
  }
  return s;
}

/** Differences between our schema and the spec's at `where`, recursively. */
function compare(ours: S, theirs: S, where: string, out: string[]): void {
  const spec = resolve(theirs);
  // `{}` (any JSON) is how the sandbox accepts the spec's free-form `object` values.
  if (Object.keys(ours).length === 0) return;
  const specType = spec.type ?? (spec.properties ? 'object' : undefined);
  if (ours.type !== specType) out.push(`${where}: type ${String(ours.type)} vs spec ${String(specType)}`);
  if (Array.isArray(ours.enum)) {
    // The spec's enums carry serialisation junk such as "Lead,Contact"; ours must be a subset.
    for (const v of ours.enum) if (!(spec.enum ?? []).includes(v)) out.push(`${where}: enum value ${v} not in spec`);
  }
  if (ours.type === 'array') compare(ours.items ?? {}, spec.items ?? {}, `${where}[]`, out);
  if (ours.type === 'object' && spec.properties) {
    const mine = ours.properties ?? {};
    for (const [name, sub] of Object.entries(spec.properties as Record<string, S>)) {
      if (!(name in mine)) out.push(`${where}.${name}: missing`);
      else compare(mine[name], sub, `${where}.${name}`, out);
    }
    for (const name of Object.keys(mine)) if (!(name in spec.properties)) out.push(`${where}.${name}: not in spec`);
    const a = [...(ours.required ?? [])].sort();
    const b = [...(spec.required ?? [])].sort();
    if (JSON.stringify(a) !== JSON.stringify(b)) out.push(`${where}: required ${JSON.stringify(a)} vs spec ${JSON.stringify(b)}`);
  }
}

describe('request schemas match the spec', () => {
  const jsonOps = specOperations().filter(({ op }) => op.requestBody?.content['application/json']);

  it('covers every operation with a JSON body', () => {
    expect(jsonOps).toHaveLength(34);
    for (const { method, path } of jsonOps) {
      const route = ROUTES.find((r) => r.method === method && r.path === path);
      expect(route?.schema, `${method} ${path}`).toBeDefined();
    }
  });

  it.each(jsonOps.map(({ method, path, op }) => [`${method} ${path}`, method, path, op] as const))('%s', (_name, method, path, op) => {
    const route = ROUTES.find((r) => r.method === method && r.path === path);
    const specSchema = op.requestBody?.content['application/json']?.schema as S;
    const problems: string[] = [];
    compare(route?.schema as S, specSchema, 'body', problems);
    expect(problems).toEqual([]);
  });

  it('would notice a difference (the comparison is not vacuous)', () => {
    const problems: string[] = [];
    compare({ type: 'object', properties: { filter: { type: 'string' } }, required: [] }, { $ref: '#/components/schemas/PublicApiBaseRequestV2CallsFilter' }, 'body', problems);
    expect(problems).toEqual(expect.arrayContaining([
      'body.filter: type string vs spec object',
      'body.cursor: missing',
      'body: required [] vs spec ["filter"]',
    ]));
  });
});
