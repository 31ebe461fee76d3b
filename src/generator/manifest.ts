// Reads manifest/*.yaml, checks every key (a typo in the manifest fails the build, not a user's
// call), and expands it into the runtime catalogue: JSON Schemas, placements, routes.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { SHARED_INPUT_TEXT } from '../catalog/shared-inputs.js';
import { FEEDS, SPLITS, type Catalog, type Feed, type Split, type InputMapping, type JsonSchema, type Route, type ToolEntry } from '../catalog/types.js';
import { CONVERTERS } from '../dispatch/convert.js';
import { COMPUTED } from '../dispatch/computed.js';
import { HANDLER_NAMES } from '../dispatch/handlers/index.js';
import { NO_RESULTS_PATTERN } from '../dispatch/empty.js';
import { ID_PATTERN, isUserIdInput, widenUserIdSchema } from '../dispatch/user-refs.js';
import { DEFAULT_MAX_CHARS, MAX_MAX_CHARS, MIN_MAX_CHARS } from '../dispatch/window.js';

export interface ConnectorManifest {
  name: string;
  title: string;
  description: string;
  version: string;
  license: string;
  compatibility: string;
  homepage?: string;
  auth: {
    env: string;
    type: string;
    integration_id: string;
    description: string;
    scopes: string[];
  };
  primaryEnv: string;
  envVars: Array<{ name: string; required: boolean; description: string }>;
  toolsets: Record<string, string>;
}

export interface LoadedManifest {
  connector: ConnectorManifest;
  catalog: Catalog;
}

type Raw = Record<string, unknown>;

class ManifestError extends Error {}

function fail(where: string, message: string): never {
  throw new ManifestError(`manifest: ${where}: ${message}`);
}

function only(obj: Raw, allowed: readonly string[], where: string): void {
  for (const key of Object.keys(obj)) if (!allowed.includes(key)) fail(where, `unknown key '${key}' (allowed: ${allowed.join(', ')})`);
}

function str(obj: Raw, key: string, where: string): string {
  const v = obj[key];
  if (typeof v !== 'string' || v.trim() === '') fail(where, `'${key}' must be a non-empty string`);
  return v;
}

/**
 * A relative or calendar range the dispatcher turns into the tool's own date inputs
 * (src/dispatch/apply-date-range.ts). It parses and checks `from`/`to` itself, with messages
 * that list the accepted forms, so the published schema stays short.
 */
const DATE_RANGE_SCHEMA: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    relative: { type: 'string', maxLength: 40, description: 'E.g. last week, last 30 days.' },
    from: { type: 'string', maxLength: 40, description: 'YYYY-MM-DD or date-time.' },
    to: { type: 'string', maxLength: 40, description: 'YYYY-MM-DD (inclusive) or date-time (exclusive).' },
    time_zone: { type: 'string', maxLength: 64, default: 'UTC', description: 'IANA time zone.' },
  },
};

/** Shorthands for recurring Gong input shapes. */
function expandShape(shape: string, where: string): JsonSchema {
  switch (shape) {
    case 'id':
      return { type: 'string', pattern: ID_PATTERN };
    case 'ids':
      return { type: 'array', items: { type: 'string', pattern: ID_PATTERN }, minItems: 1, uniqueItems: true };
    case 'datetime':
      return { type: 'string', format: 'date-time' };
    case 'date':
      return { type: 'string', format: 'date' };
    case 'email':
      return { type: 'string', format: 'email', maxLength: 320 };
    case 'emails':
      return { type: 'array', items: { type: 'string', format: 'email', maxLength: 320 }, minItems: 1, uniqueItems: true };
    case 'csv_ids':
      // The seed's comma-separated string, or the array every other *_ids input takes.
      return {
        type: ['string', 'array'],
        pattern: '^\\s*[0-9]{1,20}(\\s*,\\s*[0-9]{1,20})*\\s*$',
        items: { type: 'string', pattern: ID_PATTERN },
        minItems: 1,
        uniqueItems: true,
      };
    case 'date_range':
      return DATE_RANGE_SCHEMA;
    default:
      return fail(where, `unknown shape '${shape}' (id, ids, datetime, date, email, emails, csv_ids, date_range)`);
  }
}

function expandInput(name: string, raw: Raw, routeNames: string[], where: string): {
  schema: JsonSchema;
  mapping: InputMapping;
  required: boolean;
} {
  if (!/^[a-z][a-z0-9_]*$/.test(name)) fail(where, `input names are snake_case`);
  const { to, convert, required, shape, omitted, ...schemaPart } = raw;
  if (typeof schemaPart.description !== 'string' || schemaPart.description.trim() === '') {
    fail(where, 'every input needs a description');
  }
  checkDescriptions(schemaPart, where);
  const schema: JsonSchema = { ...(typeof shape === 'string' ? expandShape(shape, where) : {}), ...schemaPart };
  // `omitted`: what Gong or the handler does when the input is absent. It is published as the
  // schema's `default` but, unlike `default`, never sent.
  if (omitted !== undefined) {
    if (schemaPart.default !== undefined) fail(where, "give 'default' (sent) or 'omitted' (not sent), not both");
    schema.default = omitted;
  }
  if (schema.type === undefined && schema.enum === undefined && schema.const === undefined) fail(where, 'missing type (or shape)');
  let mapping: InputMapping;
  if (typeof to === 'string') {
    checkPlacement(to, where);
    mapping = { to };
  } else if (to && typeof to === 'object') {
    for (const [routeName, placement] of Object.entries(to as Raw)) {
      if (!routeNames.includes(routeName)) fail(where, `'to' names unknown route '${routeName}'`);
      if (typeof placement !== 'string') fail(where, `'to.${routeName}' must be a string`);
      checkPlacement(placement, where);
    }
    mapping = { to: to as Record<string, string> };
  } else {
    return fail(where, `'to' is required (path.X, query.X, body, body.X, file.X, local, ignored)`);
  }
  if (convert !== undefined) {
    const known = (c: unknown) => typeof c === 'string' && c in CONVERTERS;
    const unknown = (c: unknown) => fail(where, `unknown converter '${String(c)}' (known: ${Object.keys(CONVERTERS).join(', ')})`);
    if (convert !== null && typeof convert === 'object' && !Array.isArray(convert)) {
      for (const [routeName, c] of Object.entries(convert as Raw)) {
        if (!routeNames.includes(routeName)) fail(where, `'convert' names unknown route '${routeName}'`);
        if (!known(c)) unknown(c);
      }
      mapping.convert = convert as Record<string, string>;
    } else {
      if (!known(convert)) unknown(convert);
      mapping.convert = convert as string;
    }
  }
  if (required !== undefined && typeof required !== 'boolean') fail(where, `'required' must be a boolean`);
  if (schemaPart.default !== undefined) {
    if (required === true) fail(where, 'a required input cannot have a default');
    if (mapping.to === 'local' || mapping.to === 'ignored') fail(where, 'a default needs a placement that is sent');
    mapping.default = schemaPart.default;
  }
  return { schema, mapping, required: required === true };
}

/** Descriptions reach agents and HTML renderers verbatim: no angle brackets anywhere. */
function checkDescriptions(value: unknown, where: string): void {
  if (Array.isArray(value)) for (const v of value) checkDescriptions(v, where);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value as Raw)) {
      if (k === 'description' && typeof v === 'string' && /[<>]/.test(v)) fail(where, 'descriptions must not contain < or >');
      checkDescriptions(v, where);
    }
  }
}

function checkPlacement(p: string, where: string): void {
  if (!/^(path\.[A-Za-z][A-Za-z0-9_-]*|query\.[A-Za-z][A-Za-z0-9_-]*|body(\.[A-Za-z][A-Za-z0-9_]*)*|file\.[A-Za-z]+|local|ignored)$/.test(p)) {
    fail(where, `bad placement '${p}'`);
  }
}

const ROUTE_KEYS = ['name', 'when', 'method', 'path', 'list', 'paginate', 'empty_on_404', 'fixed', 'computed', 'batch', 'merge', 'failures', 'collect', 'keep', 'feeds', 'split', 'replay_safe', 'conflict_on_replay_is_success', 'read_only'];

function names(value: unknown, key: string, where: string): string[] {
  if (!Array.isArray(value) || value.length === 0 || value.some((v) => typeof v !== 'string' || v === '')) {
    fail(where, `'${key}' lists response keys`);
  }
  return value as string[];
}

function expandRoute(raw: Raw, where: string): Route {
  only(raw, ROUTE_KEYS, where);
  const method = str(raw, 'method', where).toUpperCase();
  if (!['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(method)) fail(where, `bad method '${method}'`);
  const path = str(raw, 'path', where);
  if (!/^\/v2\/[A-Za-z0-9\-/{}]+$/.test(path)) fail(where, `path must start with /v2/: '${path}'`);
  const route: Route = { name: typeof raw.name === 'string' ? raw.name : 'default', method: method as Route['method'], path };
  if (raw.when !== undefined) {
    if (!Array.isArray(raw.when) || raw.when.some((w) => typeof w !== 'string')) fail(where, `'when' lists input names`);
    route.when = raw.when as string[];
  }
  if (raw.list !== undefined) route.list = Array.isArray(raw.list) ? (raw.list as string[]) : [String(raw.list)];
  if (raw.paginate !== undefined) {
    if (raw.paginate !== 'query' && raw.paginate !== 'body') fail(where, `'paginate' is query or body`);
    route.paginate = { cursor: raw.paginate };
    if (!route.list) fail(where, 'a paginated route needs a list key');
  }
  if (raw.empty_on_404 !== undefined) {
    route.emptyOn404 = raw.empty_on_404 === true ? NO_RESULTS_PATTERN : String(raw.empty_on_404);
    new RegExp(route.emptyOn404, 'i');
  }
  if (raw.fixed !== undefined) {
    const fixed = raw.fixed as Raw;
    route.fixed = Object.entries(fixed).map(([to, value]) => {
      checkPlacement(to, where);
      return { to, value };
    });
  }
  if (raw.computed !== undefined) {
    route.computed = Object.entries(raw.computed as Raw).map(([to, fn]) => {
      checkPlacement(to, where);
      if (typeof fn !== 'string' || !(fn in COMPUTED)) fail(where, `unknown computed function '${String(fn)}'`);
      return { to, fn };
    });
  }
  if (raw.batch !== undefined) {
    const b = raw.batch as Raw;
    only(b, ['input', 'size', 'scalar'], `${where}.batch`);
    if (typeof b.input !== 'string' || typeof b.size !== 'number') fail(where, 'batch needs input and size');
    route.batch = { input: b.input, size: b.size, ...(b.scalar === true ? { scalar: true } : {}) };
  }
  if (raw.merge !== undefined) route.merge = names(raw.merge, 'merge', where);
  if (raw.failures !== undefined) route.failures = names(raw.failures, 'failures', where);
  if (raw.collect !== undefined) {
    if (typeof raw.collect !== 'string' || !/^[a-z][a-z0-9_]*$/.test(raw.collect)) fail(where, "'collect' names a snake_case result key");
    if (route.list || route.merge || route.failures) fail(where, "'collect' keeps responses whole: no list, merge or failures beside it");
    route.collect = raw.collect;
  }
  if (raw.feeds !== undefined) {
    if (!(FEEDS as readonly unknown[]).includes(raw.feeds)) fail(where, `'feeds' is one of ${FEEDS.join(', ')}`);
    if (!route.list) fail(where, "'feeds' passes the list records on: the route needs a list key");
    route.feeds = raw.feeds as Feed;
  }
  if (raw.split !== undefined) {
    if (!(SPLITS as readonly unknown[]).includes(raw.split)) fail(where, `'split' is one of ${SPLITS.join(', ')}`);
    if (!route.list) fail(where, "'split' cuts one list record inside: the route needs a list key");
    route.split = raw.split as Split;
  }
  if (raw.keep !== undefined) {
    const keep = raw.keep as Raw;
    only(keep, ['equals', 'window', 'parties'], `${where}.keep`);
    if (!route.list) fail(where, "'keep' filters the list records: the route needs a list key");
    route.keep = {};
    if (keep.equals !== undefined) {
      if (!keep.equals || typeof keep.equals !== 'object' || Array.isArray(keep.equals)) fail(where, "'keep.equals' maps record fields to values");
      route.keep.equals = keep.equals as Record<string, unknown>;
    }
    if (keep.window !== undefined) {
      const w = keep.window as Raw;
      only(w, ['field', 'from', 'to'], `${where}.keep.window`);
      if (typeof w.field !== 'string') fail(where, "'keep.window.field' names a record field");
      route.keep.window = { field: w.field };
      if (typeof w.from === 'string') route.keep.window.from = w.from;
      if (typeof w.to === 'string') route.keep.window.to = w.to;
    }
    if (keep.parties !== undefined) {
      const k = keep.parties as Raw;
      only(k, ['input'], `${where}.keep.parties`);
      if (typeof k.input !== 'string') fail(where, "'keep.parties.input' names the input listing the people");
      route.keep.parties = { input: k.input };
    }
  }
  if (raw.replay_safe === true) route.replaySafe = true;
  if (raw.conflict_on_replay_is_success === true) route.conflictOnReplayIsSuccess = true;
  if (typeof raw.read_only === 'boolean') route.readOnly = raw.read_only;
  return route;
}

const TOOL_KEYS = ['name', 'title', 'toolset', 'description', 'scopes', 'annotations', 'routes', 'inputs', 'handler', 'confirm', 'required_any'];

function expandTool(raw: Raw, toolsets: Record<string, string>, file: string): ToolEntry {
  const name = str(raw, 'name', file);
  const where = `${file}: ${name}`;
  only(raw, TOOL_KEYS, where);
  if (!/^gong_[a-z0-9_]+$/.test(name) || name.length > 64) fail(where, 'tool names are gong_<resource>_<verb>, ≤64 chars');
  const toolset = str(raw, 'toolset', where);
  if (!(toolset in toolsets)) fail(where, `unknown toolset '${toolset}'`);
  const description = str(raw, 'description', where).trim().replace(/\s*\n\s*/g, ' ');
  if (/[<>]/.test(description)) fail(where, 'descriptions must not contain < or >');
  const scopes = raw.scopes;
  if (!Array.isArray(scopes)) fail(where, "'scopes' must be a list (may be empty)");
  const ann = (raw.annotations ?? {}) as Raw;
  only(ann, ['read_only', 'destructive', 'idempotent', 'open_world'], `${where}.annotations`);
  const readOnly = ann.read_only === true;
  const annotations = {
    title: str(raw, 'title', where),
    readOnlyHint: readOnly,
    destructiveHint: readOnly ? false : ann.destructive === true,
    idempotentHint: readOnly ? true : ann.idempotent === true,
    openWorldHint: ann.open_world !== false,
  };
  // confirm means one thing: a tool whose every call deletes or overwrites asks for it. Only the
  // raw escape hatch (gong_api_request, handler-run, no routes) is judged per request by its method
  // (src/dispatch/handlers/api-request.ts asks for confirm on every method but GET).
  if (annotations.destructiveHint && raw.confirm !== true && raw.handler !== 'api_request') {
    fail(where, 'destructive tools require confirm: true (SKILL.md tells agents they do)');
  }
  const handler = raw.handler;
  if (handler !== undefined && (typeof handler !== 'string' || !HANDLER_NAMES.includes(handler))) {
    fail(where, `unknown handler '${String(handler)}'`);
  }
  const rawRoutes = (raw.routes ?? []) as Raw[];
  if (!Array.isArray(rawRoutes) || (rawRoutes.length === 0 && handler === undefined)) fail(where, 'needs routes (or a handler)');
  const routes = rawRoutes.map((r, i) => expandRoute(r, `${where}.routes[${i}]`));
  const routeNames = routes.map((r) => r.name);
  if (new Set(routeNames).size !== routeNames.length) fail(where, 'route names must be unique');

  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  const inputs: Record<string, InputMapping> = {};
  for (const [inputName, rawInput] of Object.entries((raw.inputs ?? {}) as Record<string, Raw>)) {
    const x = expandInput(inputName, rawInput, routeNames, `${where}.inputs.${inputName}`);
    const placements = routes.length > 0 ? routes.map((r) => placementFor(x.mapping, r.name)) : [placementFor(x.mapping, 'default')];
    properties[inputName] = isUserIdInput(inputName, x.schema, placements, routes.map((r) => r.path)) ? widenUserIdSchema(x.schema) : x.schema;
    inputs[inputName] = x.mapping;
    if (x.required) required.push(inputName);
  }
  if (inputs.date_range && !(inputs.from_date_time && inputs.to_date_time) && !(inputs.from_date && inputs.to_date)) {
    fail(where, 'a date_range input needs from_date_time/to_date_time or from_date/to_date inputs to fill');
  }
  const paginated = routes.some((r) => r.paginate);
  if (paginated) {
    if (!properties.cursor) addCursorInput(properties, inputs);
    if (!properties.limit) {
      properties.limit = { type: 'integer', minimum: 1, maximum: 100000, description: SHARED_INPUT_TEXT.limit };
      inputs.limit = { to: 'local' };
    }
  }
  if (annotations.readOnlyHint && annotations.openWorldHint && handler === undefined) addResultInputs(properties, inputs, routes, where);
  if (raw.confirm === true) {
    properties.confirm = {
      type: 'boolean',
      const: true,
      description: 'true once the user agreed.',
    };
    inputs.confirm = { to: 'local' };
    required.push('confirm');
  }
  for (const route of routes) {
    for (const w of route.when ?? []) if (!properties[w]) fail(where, `route '${route.name}' 'when' names unknown input '${w}'`);
    if (route.batch && !properties[route.batch.input]) fail(where, `batch input '${route.batch.input}' is not an input`);
    for (const w of [route.keep?.window?.from, route.keep?.window?.to, route.keep?.parties?.input]) {
      if (w !== undefined && !properties[w]) fail(where, `route '${route.name}' keep.window names unknown input '${w}'`);
    }
    for (const param of route.path.matchAll(/\{([^}]+)\}/g)) {
      const hasIt = Object.values(inputs).some((m) => placementFor(m, route.name) === `path.${param[1]}`);
      if (!hasIt) fail(where, `route '${route.name}' path parameter {${param[1]}} has no input`);
    }
  }
  const inputSchema: JsonSchema = { type: 'object', properties, additionalProperties: false };
  if (required.length > 0) inputSchema.required = required;
  const anyOf = raw.required_any;
  if (anyOf !== undefined) {
    if (!Array.isArray(anyOf)) fail(where, "'required_any' lists input names");
    inputSchema.anyOf = (anyOf as string[]).map((n) => ({ required: [n] }));
  }
  const entry: ToolEntry = { name, toolset, description, scopes: scopes as string[], annotations, inputSchema, inputs, routes };
  if (handler !== undefined) entry.handler = handler as string;
  if (raw.confirm === true) entry.confirm = true;
  return entry;
}

/** The connector's `cursor` input (read by src/dispatch/plan.ts, never sent as it is). */
function addCursorInput(properties: Record<string, JsonSchema>, inputs: Record<string, InputMapping>): void {
  properties.cursor = { type: 'string', minLength: 1, maxLength: 4096, description: SHARED_INPUT_TEXT.cursor };
  inputs.cursor = { to: 'local' };
}

/**
 * The inputs every manifest tool that reads from Gong shares: the result budget and the shape of
 * the answer (read by src/dispatch/plan.ts; never sent to Gong). Handler tools budget themselves.
 */
function addResultInputs(properties: Record<string, JsonSchema>, inputs: Record<string, InputMapping>, routes: Route[], where: string): void {
  for (const name of ['max_chars', 'response_format', 'fields']) if (properties[name]) fail(where, `'${name}' is added to every read tool; do not declare it`);
  if (!properties.cursor && routes.some((r) => r.list && !r.collect)) {
    // Gong sends these lists whole; a result max_chars cut still resumes at the next record.
    addCursorInput(properties, inputs);
  }
  // Terse on purpose: these three inputs repeat in every read tool's definition (an agent pays for
  // each token); docs/agents.md#result-size has the whole story.
  if (routes.some((r) => r.list && !r.collect)) {
    properties.max_chars = {
      type: 'integer',
      minimum: MIN_MAX_CHARS,
      maximum: MAX_MAX_CHARS,
      default: DEFAULT_MAX_CHARS,
      description: 'Max chars; rest via next_cursor.',
    };
    inputs.max_chars = { to: 'local' };
  }
  properties.response_format = {
    type: 'string',
    enum: ['concise', 'detailed'],
    default: 'concise',
    description: SHARED_INPUT_TEXT.response_format,
  };
  // Paths are checked when the call runs (src/dispatch/shape.ts): a pattern here would cost tokens in every tool.
  properties.fields = { type: 'array', items: { type: 'string' }, description: 'Dotted paths to keep.' };
  for (const name of ['response_format', 'fields']) inputs[name] = { to: 'local' };
}

export function placementFor(mapping: InputMapping, routeName: string): string {
  if (typeof mapping.to === 'string') return mapping.to;
  return mapping.to[routeName] ?? 'ignored';
}

export function loadManifest(root: string): LoadedManifest {
  const connectorRaw = parse(readFileSync(join(root, 'manifest', 'connector.yaml'), 'utf8')) as Raw;
  const connector = connectorRaw as unknown as ConnectorManifest;
  only(connectorRaw, ['name', 'title', 'description', 'version', 'license', 'compatibility', 'homepage', 'auth', 'primaryEnv', 'envVars', 'toolsets'], 'connector.yaml');
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  connector.version = pkg.version;
  const dir = join(root, 'manifest', 'tools');
  const tools: ToolEntry[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()) {
    const doc = parse(readFileSync(join(dir, file), 'utf8')) as { tools?: Raw[] } | null;
    if (!doc || !Array.isArray(doc.tools)) fail(file, "expected a top-level 'tools' list");
    for (const t of doc.tools) tools.push(expandTool(t, connector.toolsets, file));
  }
  const names = new Set<string>();
  for (const t of tools) {
    if (names.has(t.name)) fail(t.name, 'duplicate tool name');
    names.add(t.name);
  }
  tools.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return {
    connector,
    catalog: {
      connector: {
        name: connector.name,
        version: connector.version,
        scopes: connector.auth.scopes,
        auth: { integration_id: connector.auth.integration_id, env: connector.auth.env },
        toolsets: connector.toolsets,
      },
      tools,
    },
  };
}

export { ManifestError };
