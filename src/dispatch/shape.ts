// What of Gong's answer the caller gets: `concise` (the default) keeps what an agent acts on and
// drops nulls, empty strings/arrays/objects, zero counters (keys that count), Gong's request
// metadata and a few bulky sub-records (listed below); `detailed` passes Gong's fields through as they come; `fields` keeps
// only the named dotted paths. Field names always stay Gong's, and values are copied, never
// converted (ids stay the strings src/http/json.ts parsed them into, every digit kept).
import { InvalidInputError } from '../http/errors.js';

type Json = Record<string, unknown>;

export type ResponseFormat = 'concise' | 'detailed';

export interface ResultShape {
  format: ResponseFormat;
  /** Dotted paths to keep, relative to each record (list tools) or to the result (other tools). */
  fields: string[] | undefined;
}

const PATH = /^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$/;
const MAX_FIELDS = 50;

/** `fields` paths, checked here rather than by a schema pattern repeated in every tool's definition. */
function checkFields(tool: string, fields: readonly string[]): void {
  const refuse = (field: string, rule: string) => new InvalidInputError({
    message: `Invalid input for ${tool}: ${field} ${rule}.`,
    tool, field,
    hint: 'Nothing was sent to Gong. fields lists dotted paths of Gong\'s field names, e.g. ["metaData.id", "parties.name"].',
  });
  if (fields.length === 0) throw refuse('fields', 'must list at least one path (or be left out)');
  if (fields.length > MAX_FIELDS) throw refuse('fields', `must list at most ${MAX_FIELDS} paths`);
  fields.forEach((f, i) => {
    if (f.length > 200 || !PATH.test(f)) throw refuse(`fields[${i}]`, 'must be a dotted path of field names, e.g. metaData.title');
  });
}

/** The shape a validated input asks for (the defaults when absent); bad `fields` paths are refused. */
export function shapeOf(input: Readonly<Json>, tool = 'tool'): ResultShape {
  const fields = Array.isArray(input.fields) ? (input.fields as string[]) : undefined;
  if (fields) checkFields(tool, fields);
  return { format: input.response_format === 'detailed' ? 'detailed' : 'concise', fields };
}

/**
 * Sub-records a concise answer leaves out, as paths inside one record (arrays are walked through).
 * Each is bulky and rarely what an agent acts on; `fields` or `detailed` brings any of them back.
 * Calls (as records or as metaData): CRM context, media, party invite methods, AI
 * outline/highlights, tracker phrases, the recording system and Gong's internal flags. Users: settings, aliases and conferencing details. Scorecards: revision ids.
 */
const CONCISE_DROPS: readonly string[] = [
  'context', 'media', 'parties.methods', 'parties.context',
  'content.outline', 'content.highlights', 'content.structure', 'content.pointsOfInterest',
  'content.trackers.phrases', 'content.trackers.occurrences', 'content.trackers.type',
  'metaData.isPrivate', 'metaData.sdrDisposition', 'metaData.customData', 'metaData.clientUniqueId', 'metaData.calendarEventId', 'metaData.system',
  'isPrivate', 'sdrDisposition', 'customData', 'clientUniqueId', 'calendarEventId', 'system',
  'emailAliases', 'trustedEmailAddress', 'extension', 'personalMeetingUrls', 'settings', 'meetingConsentPageUrl',
  'conferencingProviders', 'spokenLanguages', 'avatarUrl',
  'answers.questionRevisionId', 'visibilityType',
];

/** Gong's per-response metadata: the request id, and the paging block the connector's counts replace. */
const CONCISE_ENVELOPE_DROPS: readonly string[] = ['requestId', 'records'];

interface PathTree { [key: string]: PathTree | true }

function treeOf(paths: readonly string[]): PathTree {
  const root: PathTree = {};
  for (const path of paths) {
    const parts = path.split('.');
    let node = root;
    for (let i = 0; i < parts.length; i++) {
      const key = parts[i]!;
      if (i === parts.length - 1) node[key] = true;
      else {
        const next = node[key];
        if (next === true) break; // a shorter path already covers it
        node = (node[key] = next ?? {});
      }
    }
  }
  return root;
}

const DROP_TREE = treeOf(CONCISE_DROPS);

const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;

/** Drop the paths of `tree` (arrays walked through); returns a copy. */
function without(value: unknown, tree: PathTree): unknown {
  if (Array.isArray(value)) return value.map((v) => without(v, tree));
  if (!isObject(value)) return value;
  const out: Json = {};
  for (const [key, v] of Object.entries(value)) {
    const rule = tree[key];
    if (rule === true) continue;
    out[key] = rule ? without(v, rule) : v;
  }
  return out;
}

/** Keep only the paths of `tree`; `hit` collects the paths that matched something. */
function only(value: unknown, tree: PathTree, prefix: string, hit: Set<string>): unknown {
  if (Array.isArray(value)) return value.map((v) => only(v, tree, prefix, hit));
  if (!isObject(value)) return value;
  const out: Json = {};
  for (const [key, rule] of Object.entries(tree)) {
    if (!(key in value)) continue;
    const path = prefix ? `${prefix}.${key}` : key;
    if (rule === true) {
      out[key] = value[key];
      hit.add(path);
    } else {
      const v = value[key];
      if (isObject(v) || Array.isArray(v)) out[key] = only(v, rule, path, hit);
    }
  }
  return out;
}

/** A key that counts something: its zero says only "none" (a score or a value of 0 is data). */
const COUNTER_KEY = /(count|total)s?$|^(num|count|total)[A-Z_]/i;

/**
 * Nulls, empty strings/arrays/objects and zero counters removed, depth first. Elements of an array
 * keep their places (position can carry meaning): only what is inside them is pruned.
 */
function pruned(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) {
    if (value.length === 0) return undefined;
    return value.map((v: unknown) => (isObject(v) || Array.isArray(v) ? pruned(v) ?? v : v));
  }
  if (isObject(value)) {
    const out: Json = {};
    let any = false;
    for (const [k, v] of Object.entries(value)) {
      const p = pruned(v, k);
      if (p !== undefined) {
        out[k] = p;
        any = true;
      }
    }
    return any ? out : undefined;
  }
  if (value === null || value === '') return undefined;
  if (value === 0 && COUNTER_KEY.test(key)) return undefined;
  return value;
}

/** Shapes records (or one result document) the same way across a call, and remembers which `fields` matched. */
export class Shaper {
  private readonly fieldTree: PathTree | undefined;
  private readonly hit = new Set<string>();

  /**
   * `asIs`: result keys whose values are kept unpruned, e.g. the manifest's merged maps, where a
   * null says "Gong has no such id" (src/dispatch/merge.ts).
   */
  constructor(readonly shape: ResultShape, private readonly asIs: ReadonlySet<string> = new Set()) {
    this.fieldTree = shape.fields ? treeOf(shape.fields) : undefined;
  }

  /** True when records pass through as Gong sent them. */
  get identity(): boolean {
    return this.shape.format === 'detailed' && !this.fieldTree;
  }

  /** One record as the caller gets it (never undefined: an all-empty record stays `{}`). */
  record(record: unknown): unknown {
    if (this.identity) return record;
    let out = this.fieldTree ? only(record, this.fieldTree, '', this.hit) : record;
    if (this.shape.format === 'concise') {
      if (!this.fieldTree) out = without(out, DROP_TREE);
      out = pruned(out) ?? (Array.isArray(out) ? [] : {});
    }
    return out;
  }

  /**
   * The fields of a result that are not the records (`listKey`): concise drops Gong's request
   * metadata and empty values; the connector's own keys are added later and always kept.
   */
  envelope(result: Json, listKey: string | undefined): Json {
    if (this.shape.format === 'detailed') return result;
    const out: Json = {};
    for (const [key, v] of Object.entries(result)) {
      if (key === listKey || this.asIs.has(key)) out[key] = v;
      else if (!CONCISE_ENVELOPE_DROPS.includes(key)) {
        const p = pruned(v, key);
        if (p !== undefined) out[key] = p;
      }
    }
    return out;
  }

  /** A result without a record list is one document: `fields` apply to it as a whole. */
  document(result: Json): Json {
    if (this.identity) return result;
    const kept = this.fieldTree ? (only(result, this.fieldTree, '', this.hit) as Json) : result;
    if (this.shape.format === 'detailed') return kept;
    const out: Json = {};
    for (const [key, v] of Object.entries(this.fieldTree ? kept : (without(kept, DROP_TREE) as Json))) {
      if (CONCISE_ENVELOPE_DROPS.includes(key)) continue;
      const p = this.asIs.has(key) ? v : pruned(v, key);
      if (p !== undefined) out[key] = p;
    }
    return out;
  }

  /** The `fields` paths that matched nothing (for a note: probably a typo). */
  unmatched(): string[] {
    return (this.shape.fields ?? []).filter((f) => !this.hit.has(f) && ![...this.hit].some((h) => h.startsWith(`${f}.`)));
  }
}
