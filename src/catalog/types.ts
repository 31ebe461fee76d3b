// The runtime catalogue's shape. The generator derives it from manifest/tools/*.yaml; the
// dispatcher reads nothing else. A tool is data: routes, input placements and conversions.
import type { HttpMethod } from '../http/path.js';

export type JsonSchema = { [key: string]: unknown };

export interface ToolAnnotations {
  title: string;
  readOnlyHint: boolean;
  destructiveHint: boolean;
  idempotentHint: boolean;
  openWorldHint: boolean;
}

/**
 * Where an input goes:
 * `path.<name>`, `query.<Name>`, `body` (the whole body), `body.<a.b>` (a dotted JSON path),
 * `file.<field>` (a multipart file part from a local path), `local` (used by a handler or a
 * computed field, never sent), `ignored` (accepted for compatibility; Gong has no such field).
 */
export type Placement = string;

export interface InputMapping {
  /** Placement, or per route name. */
  to: Placement | Record<string, Placement>;
  /** A named converter from src/dispatch/convert.ts, or per route name (routes not named: none). */
  convert?: string | Record<string, string>;
  /** Sent when the input is absent (the schema's `default`, which validation does not apply). */
  default?: unknown;
}

export interface Pagination {
  cursor: 'query' | 'body';
}

export interface Batch {
  /** The array input that is split. */
  input: string;
  /** Gong's cap per request. */
  size: number;
  /** Send one element (not an array) per request. */
  scalar?: boolean;
}

/**
 * Records the connector filters itself where Gong has no such filter: `equals` keeps records whose
 * fields equal the values; `window` keeps records whose date-time `field` lies in the half-open
 * range given by the inputs named `from` and `to` (a date-only `to` includes that whole UTC day);
 * `parties` keeps calls that one of the given people attended.
 */
export interface LocalFilter {
  equals?: Record<string, unknown>;
  window?: { field: string; from?: string; to?: string };
  /** Keeps calls with a party whose email or Gong user id is among the values of the input named `input`. */
  parties?: { input: string };
}

/** Connector memories a route's records feed: `call_cache` keeps calls' metadata and parties. */
export const FEEDS = ['call_cache'] as const;
export type Feed = (typeof FEEDS)[number];

/** Record kinds a result budget may cut inside (src/dispatch/split.ts): a transcript between sentences. */
export const SPLITS = ['transcript'] as const;
export type Split = (typeof SPLITS)[number];

export interface Route {
  name: string;
  /** Inputs whose presence selects this route; the last route without `when` is the default. */
  when?: string[];
  method: HttpMethod;
  /** `/v2/...` with `{param}` segments filled from `path.<param>` inputs. */
  path: string;
  /** The response key(s) holding the records; the first present wins (`flowsFolders`, then `flows`). */
  list?: string[];
  paginate?: Pagination;
  /** Regex on Gong's 404 message meaning "no results" (an empty list), not "not found". */
  emptyOn404?: string;
  /** Fixed values placed on every request of this route. */
  fixed?: Array<{ to: Placement; value: unknown }>;
  /** Values computed from the whole input by a named function (src/dispatch/computed.ts). */
  computed?: Array<{ to: Placement; fn: string }>;
  batch?: Batch;
  /** Response arrays (concatenated) and objects (keys combined) merged across batches, besides `list`. */
  merge?: string[];
  /**
   * Response arrays listing items Gong did not process (e.g. `prospectsNotAssigned`): merged across
   * batches, counted in the result's `summary` and announced in a note when not empty.
   */
  failures?: string[];
  /** Keep every response whole, one entry per request, in this result array instead of merging. */
  collect?: string;
  /** Client-side filtering of the list records. */
  keep?: LocalFilter;
  /** The records (whole or streamed) feed this connector memory (src/dispatch/call-cache.ts). */
  feeds?: Feed;
  /**
   * The records are of this kind, and one record larger than the result budget is cut inside it
   * (a call's transcript between sentences) instead of going out whole.
   */
  split?: Split;
  /** The body carries a key Gong deduplicates on: safe to repeat. */
  replaySafe?: boolean;
  /** A 409 on a repeated attempt is the earlier attempt's success (digital interactions). */
  conflictOnReplayIsSuccess?: boolean;
  /** Gong reads on a POST: retried like a GET. Defaults to the tool's readOnlyHint. */
  readOnly?: boolean;
}

export interface ToolEntry {
  name: string;
  toolset: string;
  description: string;
  scopes: string[];
  annotations: ToolAnnotations;
  inputSchema: JsonSchema;
  inputs: Record<string, InputMapping>;
  routes: Route[];
  /** A named handler in src/dispatch/handlers/ for tools that are more than one request plan. */
  handler?: string;
  /** Irreversible: the tool requires `confirm: true`. */
  confirm?: boolean;
}

/** How a Polly-style runtime connects Gong (manifest/connector.yaml `auth`); rendered by manage-auth.ts. */
export interface ConnectorAuth {
  integration_id: string;
  /** The environment variable the runtime fills with the token. */
  env: string;
}

export interface Catalog {
  connector: {
    name: string; version: string; scopes: string[]; auth: ConnectorAuth;
    /** Toolset name → what its tools cover (manifest/connector.yaml `toolsets`). */
    toolsets: Record<string, string>;
  };
  tools: ToolEntry[];
}
