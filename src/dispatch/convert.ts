// Named input conversions the manifest refers to (`convert:`). Each turns an agent-friendly value
// into what Gong expects; conversions that change meaning leave a note in the result.
import { JsonInteger } from '../http/json.js';
import { toGongDateFrom, toGongDateToExclusive } from './dates.js';

export interface ConvertContext {
  /** Record a normalisation so the agent sees what was asked of Gong. */
  note(message: string): void;
  /**
   * Resolve a Gong user's id from an email address (cached lookup through the users list);
   * `field` is the input it came from, named by the error when no user has it.
   */
  userIdByEmail(email: string, field?: string): Promise<string>;
  now(): number;
  inputName: string;
}

export type Converter = (value: unknown, ctx: ConvertContext) => unknown;

const snakeToCamel = (key: string) => key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

function camelKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [snakeToCamel(k), camelKeys(v)]));
  }
  return value;
}

/** Gong's AI content fields of POST /v2/calls/extensive (`contentSelector.exposedFields.content`). */
export const AI_CONTENT_FIELDS = ['brief', 'outline', 'highlights', 'keyPoints', 'callOutcome'] as const;

/** Call parties: snake_case keys to Gong's camelCase; `speakerId` (not a Gong upload field) dropped with a note. */
function callParties(value: unknown, ctx: ConvertContext): unknown {
  let dropped = false;
  const parties = (camelKeys(value) as Array<Record<string, unknown>>).map((party) => {
    const { speakerId, ...rest } = party;
    if (speakerId !== undefined) dropped = true;
    return rest;
  });
  if (dropped) ctx.note(`${ctx.inputName}: speakerId was not sent; Gong assigns speaker ids itself when it transcribes the call.`);
  return parties;
}

/** Which AI content to expose: the chosen names (all when empty), `callSummary` meaning Gong's brief. */
function aiContentSelector(value: unknown, ctx: ConvertContext): unknown {
  const asked = Array.isArray(value) && value.length > 0 ? value.map(String) : [...AI_CONTENT_FIELDS];
  const content: Record<string, boolean> = {};
  for (const name of asked) {
    if (name === 'callSummary') {
      ctx.note(`${ctx.inputName}: Gong has no separate call summary; callSummary returns the brief (content.brief), Gong's summary of the call.`);
      content.brief = true;
    } else content[name] = true;
  }
  return { exposedFields: { content } };
}

/** "1, 2,3" → ["1","2","3"] (duplicates dropped). */
export function splitCsvIds(value: unknown): string[] {
  return [...new Set(String(value).split(',').map((s) => s.trim()).filter(Boolean))];
}

/** A user id stays as it is (a string: every digit kept); an email becomes the id of the user who has it, with a note. */
async function userIdOrEmail(value: unknown, ctx: ConvertContext): Promise<unknown> {
  const one = async (v: unknown): Promise<string> => {
    const text = String(v).trim();
    if (!text.includes('@')) return text;
    const id = await ctx.userIdByEmail(text, ctx.inputName);
    // A dry run gets a placeholder, not an id: nothing was looked up yet.
    ctx.note(/^[0-9]+$/.test(id)
      ? `${ctx.inputName}: ${text} is Gong user ${id} (found in the user directory).`
      : `${ctx.inputName}: ${text} is looked up in the user directory when the call runs.`);
    return id;
  };
  if (!Array.isArray(value)) return one(value);
  const ids: string[] = [];
  for (const v of value) ids.push(await one(v));
  return [...new Set(ids)];
}

export const CONVERTERS: Record<string, Converter> = {
  csv_ids: splitCsvIds,
  /** An ISO date-time → Gong's inclusive `fromDate` (the UTC calendar day). */
  date_from: (v, ctx) => toGongDateFrom(String(v), ctx),
  /** An ISO date-time → Gong's exclusive `toDate` (docs/contracts.md#date-time-to-gong-date), kept off days after today. */
  date_to_exclusive: (v, ctx) => toGongDateToExclusive(String(v), ctx),
  /** A `YYYY-MM-DD` stats end date kept to today at the latest (Gong rejects later days). */
  date_to_clamped: (v, ctx) => toGongDateToExclusive(String(v), ctx, { alreadyExclusive: true }),
  /** A digit string → an exact JSON integer (Gong types some ids as int64). */
  int64: (v) => new JsonInteger(String(v)),
  int64_list: (v) => (v as unknown[]).map((x) => new JsonInteger(String(x))),
  /** snake_case object keys → Gong's camelCase, recursively. */
  camel_keys: camelKeys,
  /** CRM ids → bulk-assignment prospects `[{crmId}]`. */
  crm_prospects: (v) => (v as unknown[]).map((crmId) => ({ crmId: String(crmId) })),
  /** An email → the Gong user id Gong needs (one cached users-list lookup). */
  user_id_by_email: (v, ctx) => ctx.userIdByEmail(String(v), ctx.inputName),
  /** A Gong user id or an email (or an array of them) → ids; every user-id input gets it (src/dispatch/user-refs.ts). */
  user_id_or_email: userIdOrEmail,
  /** Upper-case an enum-like value Gong spells in capitals. */
  upper: (v) => String(v).toUpperCase(),
  /** An enum constant as the words Gong shows in a timeline: EMAIL_LINK_CLICKED → "email link clicked". */
  words: (v) => String(v).toLowerCase().replace(/_+/g, ' ').trim(),
  call_parties: callParties,
  /** AI content names → a `contentSelector` exposing just those content fields. */
  ai_content_selector: aiContentSelector,
  /** A CRM account id → digital-interaction `companyBusinessContexts` `[{objectType: ACCOUNT, objectId}]`. */
  crm_account_contexts: (v) => [{ objectType: 'ACCOUNT', objectId: String(v) }],
};
