// Builds Gong requests from a tool's route and a validated input: every input goes where the
// manifest places it, converted as it says. Path segments are encoded and can never leave /v2/.
import type { InputMapping, Route, ToolEntry } from '../catalog/types.js';
import { InvalidInputError } from '../http/errors.js';
import { stringifyJson } from '../http/json.js';
import { assertSendable } from '../http/path.js';
import type { HttpMethod } from '../http/path.js';
import type { MultipartBody } from '../transport/types.js';
import { COMPUTED } from './computed.js';
import { uploadBody } from './upload.js';
import { CONVERTERS, type ConvertContext } from './convert.js';

export interface BuiltRequest {
  method: HttpMethod;
  path: string;
  query: Array<[string, string]>;
  /** The JSON body as a value (for dry runs) and serialised. */
  json?: unknown;
  multipart?: MultipartBody;
}



function placementOf(mapping: InputMapping, route: Route): string {
  return typeof mapping.to === 'string' ? mapping.to : mapping.to[route.name] ?? 'ignored';
}

/** Which route an input selects: the first whose `when` inputs are all present, else the last without `when`. */
export function selectRoute(tool: ToolEntry, input: Readonly<Record<string, unknown>>): Route {
  const present = (name: string) => input[name] !== undefined && input[name] !== null && input[name] !== '';
  const chosen = tool.routes.find((r) => r.when !== undefined && r.when.every(present))
    ?? tool.routes.find((r) => r.when === undefined);
  if (!chosen) throw new InvalidInputError({ message: `${tool.name}: no request fits this input.`, tool: tool.name });
  return chosen;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null);

/** Object values merge into what is already there (a fixed `filter: {}` keeps the inputs' filter fields). */
function mergeInto(existing: unknown, value: unknown): unknown {
  if (!isPlainObject(existing) || !isPlainObject(value)) return value;
  const out: Record<string, unknown> = { ...existing };
  for (const [k, v] of Object.entries(value)) out[k] = mergeInto(out[k], v);
  return out;
}

function setDotted(target: Record<string, unknown>, dotted: string, value: unknown): void {
  const parts = dotted.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    if (!isPlainObject(next)) node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  const last = parts[parts.length - 1]!;
  node[last] = mergeInto(node[last], value);
}

function queryValue(value: unknown): string[] {
  if (Array.isArray(value)) return value.map((v) => String(v));
  if (value !== null && typeof value === 'object') return [JSON.stringify(value)];
  return [String(value)];
}

function encodeSegment(tool: ToolEntry, name: string, value: unknown): string {
  const text = String(value);
  if (text === '' || text === '.' || text === '..') {
    throw new InvalidInputError({ message: `${tool.name}: '${name}' cannot be '${text}'.`, tool: tool.name, field: name });
  }
  return encodeURIComponent(text);
}

export interface BuildOptions {
  /** Values that replace inputs for this request (a batch's slice of ids). */
  overrides?: Readonly<Record<string, unknown>>;
  cursor?: string | undefined;
  convert: Omit<ConvertContext, 'inputName'>;
  /** The folder upload inputs may name files in; undefined: uploads are off. */
  uploadDir: string | undefined;
}

export async function buildRequest(
  tool: ToolEntry,
  route: Route,
  input: Readonly<Record<string, unknown>>,
  options: BuildOptions,
): Promise<BuiltRequest> {
  const effective: Record<string, unknown> = Object.assign({}, input, options.overrides);
  const pathValues: Record<string, string> = {};
  const query: Array<[string, string]> = [];
  let body: unknown;
  let multipart: MultipartBody | undefined;
  const place = async (to: string, value: unknown, inputName: string) => {
    if (to === 'local' || to === 'ignored' || value === undefined) return;
    if (to.startsWith('path.')) pathValues[to.slice(5)] = encodeSegment(tool, inputName, value);
    else if (to.startsWith('query.')) for (const v of queryValue(value)) query.push([to.slice(6), v]);
    else if (to === 'body') body = value;
    else if (to.startsWith('body.')) {
      if (body === undefined) body = {};
      setDotted(body as Record<string, unknown>, to.slice(5), value);
    } else if (to.startsWith('file.')) multipart = await uploadBody(tool.name, inputName, to.slice(5), String(value), options.uploadDir);
  };

  for (const [name, mapping] of Object.entries(tool.inputs)) {
    let value = effective[name] ?? (mapping.default === undefined ? undefined : structuredClone(mapping.default));
    if (value === undefined) continue;
    const to = placementOf(mapping, route);
    if (to === 'local' || to === 'ignored') continue;
    const convertName = typeof mapping.convert === 'string' ? mapping.convert : mapping.convert?.[route.name];
    if (convertName) {
      const converter = CONVERTERS[convertName]!;
      try {
        value = await converter(value, { ...options.convert, inputName: name });
      } catch (error) {
        if (error instanceof RangeError) {
          throw new InvalidInputError({ message: `${tool.name}: ${error.message}`, tool: tool.name, field: name });
        }
        throw error;
      }
    }
    await place(to, value, name);
  }
  for (const { to, value } of route.fixed ?? []) await place(to, structuredClone(value), to);
  for (const { to, fn } of route.computed ?? []) {
    let value: unknown;
    try {
      value = COMPUTED[fn]!(effective);
    } catch (error) {
      if (error instanceof RangeError) {
        const field = /^([a-z][a-z0-9_]*):/.exec(error.message)?.[1];
        throw new InvalidInputError({ message: `${tool.name}: ${error.message}`, tool: tool.name, field });
      }
      throw error;
    }
    await place(to, value, to);
  }
  if (route.paginate && options.cursor !== undefined) {
    // POST reads take the cursor beside `filter` in the body; GETs in the query (docs/gong-api.md#cursors).
    if (route.paginate.cursor === 'body') {
      body ??= {};
      (body as Record<string, unknown>).cursor = options.cursor;
    } else {
      query.push(['cursor', options.cursor]);
    }
  }
  const path = route.path.replace(/\{([^}]+)\}/g, (_, param: string) => {
    const v = pathValues[param];
    if (v === undefined) throw new InvalidInputError({ message: `${tool.name}: missing path value '${param}'.`, tool: tool.name, field: param });
    return v;
  });
  assertSendable(route.method, path, query, tool.name);
  const built: BuiltRequest = { method: route.method, path, query };
  if (multipart) built.multipart = multipart;
  else if (body !== undefined) built.json = body;
  return built;
}

/** The transport body for a built request. */
export function bodyOf(built: BuiltRequest): { kind: 'json'; text: string } | MultipartBody | undefined {
  if (built.multipart) return built.multipart;
  if (built.json !== undefined) return { kind: 'json', text: stringifyJson(built.json) };
  return undefined;
}
