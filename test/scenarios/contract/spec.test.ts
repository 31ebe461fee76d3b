// Contract tests against Gong's own OpenAPI spec, read from its committed digest
// (spec/gong-openapi.digest.json, kept in step with the full spec by test/unit/scripts/spec-digest.test.ts), so
// they run in every clone. For every sample of every tool, each request built in a dry run must
// match one of the spec's operations by method and path, send only the query parameters the
// operation declares (with valid values, and every required one), and send a JSON body that
// validates against the operation's request-body schema — with `additionalProperties: false`
// added to every object schema, so a body field the operation does not declare fails too — or the
// multipart file part the operation requires. A coverage test fails when any operation is reached
// by no tool. Where the spec is known to be wrong (docs/gong-api.md#known-spec-inaccuracies), an explicit allow-list below
// says so; every entry must be needed by some request, so none can go stale silently.
import { describe, expect, it } from 'vitest';
import AjvImport, { type ValidateFunction } from 'ajv';
import { catalog } from '../../../src/catalog/index.js';
import { createConnector } from '../../../src/connector.js';
import { parseJson, stringifyJson } from '../../../src/http/json.js';
import { SAMPLES } from '../../fixtures/sample-inputs.js';
import { loadSpec } from '../../support/spec.js';

type Json = Record<string, unknown>;

/**
 * Known inaccuracies of Gong's spec (docs/gong-api.md#known-spec-inaccuracies). Each entry names the operation, what the spec
 * gets wrong, and how the contract test treats it instead. Nothing else is tolerated.
 */
const SPEC_INACCURACIES: Array<{
  op: string;
  /** Required query parameters that are optional in reality. */
  optionalQuery?: string[];
  /** Query parameters Gong reads that the spec's parameter list leaves out. */
  undeclaredQuery?: string[];
  /** A declared query parameter that Gong actually reads from the request body, with that body's schema. */
  bodyInsteadOfQuery?: { param: string; schema: Json };
  why: string;
}> = [
  {
    op: 'GET /v2/calls',
    optionalQuery: ['fromDateTime', 'toDateTime'],
    why: 'marked required, but its own description says "If not provided, list starts with earliest call"; a call without them is answered (Nango fixtures)',
  },
  {
    op: 'GET /v2/crm/entities',
    bodyInsteadOfQuery: {
      param: 'objectsCrmIds',
      schema: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 100 },
    },
    why: 'declared as a query array, but Gong reads the CRM ids as a JSON array in the body of this GET (at most 100)',
  },
  {
    op: 'POST /v2/crm/entities',
    undeclaredQuery: ['integrationId', 'objectType', 'clientRequestId'],
    why: "the operation's description requires these three query parameters, but its parameter list omits them",
  },
];

/** The deprecated cool-off endpoint is reached through assign with overrides.coolOffOverride (docs/contracts.md#parameter-mappings). */
const DEPRECATED_COVERED_BY: Record<string, { tool: string; op: string; test: (body: unknown) => boolean }> = {
  'POST /v2/flows/prospects/assign/cool-off-override': {
    tool: 'gong_engage_prospects_assign_cool_off_override',
    op: 'POST /v2/flows/prospects/assign',
    test: (body) => (body as { overrides?: { coolOffOverride?: unknown } }).overrides?.coolOffOverride === true,
  },
};

interface Param {
  name: string;
  in: string;
  required?: boolean;
  schema?: Json;
}

interface Operation {
  key: string;
  method: string;
  template: string;
  regex: RegExp;
  pathParams: string[];
  params: Param[];
  requestBody?: { required?: boolean; content: Record<string, { schema: Json }> };
  deprecated: boolean;
}

function loadOperations(spec: Json): Operation[] {
  const ops: Operation[] = [];
  for (const [template, item] of Object.entries(spec.paths as Record<string, Json>)) {
    for (const [method, raw] of Object.entries(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const op = raw as Json;
      const pathParams = [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
      const regex = new RegExp(`^${template.replace(/\{[^}]+\}/g, '([^/]+)')}$`);
      const entry: Operation = {
        key: `${method.toUpperCase()} ${template}`,
        method: method.toUpperCase(),
        template,
        regex,
        pathParams,
        params: (op.parameters as Param[] | undefined) ?? [],
        deprecated: op.deprecated === true,
      };
      if (op.requestBody) entry.requestBody = op.requestBody as Operation['requestBody'] & object;
      ops.push(entry);
    }
  }
  return ops;
}

/**
 * A request-body schema made self-contained: `$ref`s to components inlined (a cycle becomes `{}`),
 * and `additionalProperties: false` added to every object schema that lists properties and says
 * nothing about extra ones.
 */
function resolveSchema(schema: unknown, components: Record<string, unknown>, seen: readonly string[] = []): unknown {
  if (Array.isArray(schema)) return schema.map((s) => resolveSchema(s, components, seen));
  if (schema === null || typeof schema !== 'object') return schema;
  const obj = schema as Json;
  if (typeof obj.$ref === 'string') {
    const name = obj.$ref.replace('#/components/schemas/', '');
    if (seen.includes(name)) return {};
    if (!(name in components)) throw new Error(`unresolved $ref ${obj.$ref}`);
    return resolveSchema(components[name], components, [...seen, name]);
  }
  const out: Json = {};
  for (const [k, v] of Object.entries(obj)) {
    out[k] = k === 'properties'
      ? Object.fromEntries(Object.entries(v as Json).map(([p, s]) => [p, resolveSchema(s, components, seen)]))
      : resolveSchema(v, components, seen);
  }
  if (out.properties !== undefined && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}

function valueFits(value: string, schema: Json | undefined): boolean {
  if (!schema) return true;
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) return false;
  switch (schema.type) {
    case 'integer': return /^-?\d{1,20}$/.test(value);
    case 'number': return value.trim() !== '' && !Number.isNaN(Number(value));
    case 'boolean': return value === 'true' || value === 'false';
    case 'array': return valueFits(value, schema.items as Json | undefined);
    default: return value !== '';
  }
}

interface DryRequest {
  method: string;
  url: string;
  body?: unknown;
  multipart?: { field: string; file: string; content_type: string };
}

interface Checked {
  op?: string;
  tool: string;
  body: unknown;
  problems: string[];
  allowances: string[];
}

const spec = loadSpec() as unknown as Json;
const components = loadSpec().components.schemas;
const operations = loadOperations(spec);
const Ajv = ((AjvImport as unknown as { default?: unknown }).default ?? AjvImport) as new (opts: object) => { compile(schema: object): ValidateFunction };
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, allowUnionTypes: true });
const validators = new Map<string, ValidateFunction>();
function validatorFor(key: string, schema: Json): ValidateFunction {
  let v = validators.get(key);
  if (!v) {
    v = ajv.compile(resolveSchema(schema, components) as object);
    validators.set(key, v);
  }
  return v;
}

/** Every way one built request departs from the spec (empty when it fits). */
function checkRequest(tool: string, req: DryRequest): Checked {
  const url = new URL(req.url);
  const body = req.body === undefined ? undefined : parseJson(stringifyJson(req.body));
  const op = operations.find((o) => o.method === req.method && o.regex.test(url.pathname));
  if (!op) return { tool, body, problems: [`${req.method} ${url.pathname} matches no operation`], allowances: [] };
  const problems: string[] = [];
  const allowances: string[] = [];
  const allowance = SPEC_INACCURACIES.find((a) => a.op === op.key);

  // Path parameters: declared, and of the declared type.
  const values = op.regex.exec(url.pathname)!.slice(1);
  op.pathParams.forEach((name, i) => {
    const param = op.params.find((p) => p.in === 'path' && p.name === name);
    if (!param) problems.push(`path parameter {${name}} is not declared`);
    else if (!valueFits(decodeURIComponent(values[i]!), param.schema)) problems.push(`path {${name}}=${values[i]} does not fit ${JSON.stringify(param.schema)}`);
  });

  // Query parameters: only declared ones (or allow-listed), with fitting values, required ones present.
  const sent = [...url.searchParams.entries()];
  for (const [name, value] of sent) {
    const param = op.params.find((p) => p.in === 'query' && p.name === name);
    if (!param) {
      if (allowance?.undeclaredQuery?.includes(name)) allowances.push(`${op.key} undeclaredQuery`);
      else problems.push(`query parameter '${name}' is not declared by the operation`);
      continue;
    }
    if (!valueFits(value, param.schema)) problems.push(`query ${name}=${value} does not fit ${JSON.stringify(param.schema)}`);
    if (param.schema?.type !== 'array' && sent.filter(([n]) => n === name).length > 1) problems.push(`query '${name}' is sent more than once`);
  }
  for (const param of op.params.filter((p) => p.in === 'query' && p.required)) {
    if (url.searchParams.has(param.name)) continue;
    if (allowance?.optionalQuery?.includes(param.name)) allowances.push(`${op.key} optionalQuery`);
    else if (allowance?.bodyInsteadOfQuery?.param !== param.name) problems.push(`required query parameter '${param.name}' is missing`);
  }

  // Body: JSON against the request-body schema, or the multipart file part the operation requires.
  const content = op.requestBody?.content ?? {};
  if (req.multipart) {
    const form = content['multipart/form-data'];
    if (!form) problems.push('the operation takes no multipart body');
    else if (!((form.schema.required as string[] | undefined) ?? []).includes(req.multipart.field)) {
      problems.push(`multipart field '${req.multipart.field}' is not the operation's required file part`);
    }
  } else if (body !== undefined) {
    let schema = content['application/json']?.schema;
    let key = op.key;
    if (!schema && allowance?.bodyInsteadOfQuery) {
      schema = allowance.bodyInsteadOfQuery.schema;
      key = `${op.key} (allow-listed body)`;
      allowances.push(`${op.key} bodyInsteadOfQuery`);
    }
    if (!schema) problems.push('the operation takes no JSON body');
    else {
      const validate = validatorFor(key, schema);
      if (!validate(body)) {
        for (const e of validate.errors ?? []) problems.push(`body${e.instancePath} ${e.message ?? e.keyword} ${JSON.stringify(e.params)}`);
      }
    }
  } else if (op.requestBody?.required === true && Object.keys(content).length > 0) {
    problems.push('the operation requires a body and none is sent');
  }
  return { op: op.key, tool, body, problems: problems.map((p) => `${tool}: ${op.key}: ${p}`), allowances };
}

const connector = createConnector({ accessKey: 'k', accessKeySecret: 's', baseUrl: 'http://127.0.0.1:9', rateLimitPerSecond: 1000, env: {} });
const checked = new Map<(typeof SAMPLES)[number], Promise<Checked[]>>();
/** The sample's dry-run requests, each checked against the spec (memoised: several tests read them). */
function checkSample(sample: (typeof SAMPLES)[number]): Promise<Checked[]> {
  let p = checked.get(sample);
  if (!p) {
    p = connector.executeTool(sample.tool, sample.input, { dryRun: true })
      .then((dry) => (dry.requests as DryRequest[]).map((r) => checkRequest(sample.tool, r)));
    checked.set(sample, p);
  }
  return p;
}
const checkAll = async () => (await Promise.all(SAMPLES.map(checkSample))).flat();

describe("contract with Gong's OpenAPI spec", () => {
  it('the spec has the 67 operations docs/gong-api.md#api-areas lists', () => {
    expect(operations).toHaveLength(67);
  });

  for (const sample of SAMPLES) {
    it(`${sample.tool}${sample.name ? ` — ${sample.name}` : ''}: every request fits a spec operation`, async () => {
      const results = await checkSample(sample);
      // A tool that never reaches Gong plans no request; every other sample plans at least one.
      if (sample.requests.length === 0) expect(results).toEqual([]);
      else expect(results.length).toBeGreaterThan(0);
      expect(results.flatMap((r) => r.problems)).toEqual([]);
    });
  }

  it('every one of the 67 operations is reached by some tool', async () => {
    const all = await checkAll();
    const reached = (key: string) => all.filter((c) => c.op === key && c.problems.length === 0);
    const missing: string[] = [];
    for (const op of operations) {
      if (reached(op.key).length > 0) continue;
      const cover = DEPRECATED_COVERED_BY[op.key];
      if (op.deprecated && cover && reached(cover.op).some((r) => r.tool === cover.tool && cover.test(r.body))) continue;
      missing.push(op.key);
    }
    expect(missing).toEqual([]);
    // Every tool of the catalogue took part.
    const tools = new Set(all.map((c) => c.tool));
    // (Tools that never reach Gong — openWorldHint false — have nothing to check.)
    expect(catalog.tools.filter((t) => t.annotations.openWorldHint && !tools.has(t.name)).map((t) => t.name)).toEqual([]);
  });

  it('every allow-listed spec inaccuracy is actually needed (none is stale)', async () => {
    const used = new Set((await checkAll()).flatMap((c) => c.allowances));
    const listed = SPEC_INACCURACIES.flatMap((a) => [
      ...(a.optionalQuery ? [`${a.op} optionalQuery`] : []),
      ...(a.undeclaredQuery ? [`${a.op} undeclaredQuery`] : []),
      ...(a.bodyInsteadOfQuery ? [`${a.op} bodyInsteadOfQuery`] : []),
    ]);
    expect([...used].sort()).toEqual(listed.sort());
  });

  it('the checker itself rejects requests that do not fit (wrong place, undeclared field, wrong path)', () => {
    const base = 'http://127.0.0.1:9';
    const problems = (r: DryRequest) => checkRequest('probe', r).problems;
    // A POST cursor in the query instead of the body (Pipedream #20760).
    expect(problems({ method: 'POST', url: `${base}/v2/calls/transcript?cursor=x`, body: { filter: { callIds: ['1'] } } })).toHaveLength(1);
    // A flat call_id instead of filter.callIds (gestalt #172).
    expect(problems({ method: 'POST', url: `${base}/v2/calls/transcript`, body: { call_id: '1' } }).length).toBeGreaterThan(0);
    // The prose's flowEmailOwner instead of flowOwnerEmail (simstudioai/sim #5632).
    expect(problems({ method: 'GET', url: `${base}/v2/flows?flowEmailOwner=a@b.co` })).toHaveLength(2);
    // An invented endpoint.
    expect(problems({ method: 'PUT', url: `${base}/v2/flows/1/content-override`, body: {} })).toHaveLength(1);
    // A wrong enum value and a missing required body field.
    expect(problems({ method: 'POST', url: `${base}/v2/stats/activity/aggregate-by-period`, body: { aggregationPeriod: 'FORTNIGHT', filter: { fromDate: '2025-01-01' } } }).length).toBe(2);
    // A body on an endpoint that takes none; a non-integer path id.
    expect(problems({ method: 'POST', url: `${base}/v2/data-privacy/erase-data-for-email-address?emailAddress=a@b.co`, body: {} })).toHaveLength(1);
    expect(problems({ method: 'DELETE', url: `${base}/v2/meetings/abc`, body: { organizerEmail: 'a@b.co' } })).toHaveLength(1);
    // A fitting request has no problems.
    expect(problems({ method: 'POST', url: `${base}/v2/calls/transcript`, body: { cursor: 'c', filter: { callIds: ['1'] } } })).toEqual([]);
  });
});
