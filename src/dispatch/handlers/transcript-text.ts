// gong_calls_transcript_text: calls' transcripts as readable text with speaker labels, optionally
// sliced, within a budget of max_chars characters of result. Requests: one transcript request per
// 100 calls (more if Gong pages), then one parties request per 100 calls not already known to
// this connector — never one per call. The budget is spent by whole calls; a call longer than the
// whole budget is cut by time, at a sentence boundary. next_cursor (`gt1.`) resumes at the next
// call or sentence; the transcripts fetched for the first part stay in this connector's memory
// (src/dispatch/transcript-cache.ts), so following the cursor asks Gong only for what it no longer
// holds (everything, in a new process such as each CLI command; the result then says so).
import { InvalidInputError } from '../../http/errors.js';
import { formatOffset, parseOffset } from '../../render/offsets.js';
import type { SliceSpec } from '../../render/slice.js';
import { jsonChars, renderCall } from '../../render/transcript-text.js';
import type { Monologue } from '../../render/types.js';
import { fingerprint } from '../../util/fingerprint.js';
import { cursorCodec, isCount } from '../cursor-codec.js';
import { transcriptMemory } from '../transcript-cache.js';
import { callInfos, ID_BATCH, transcriptPages } from './call-data.js';
import type { Handler, HandlerContext } from './types.js';

export const DEFAULT_MAX_CHARS = 24_000;
/**
 * Characters of max_chars kept for the rest of the result: counts, notes, next_cursor, rate_limit.
 * The missing calls' ids are counted on top, once known.
 */
const RESERVE = 1_500;
const MIN_TEXT = 500;

/** Where a cut result resumes: the index of the call in call_ids (duplicates removed) and of its next sentence. */
interface TextPosition {
  c: number;
  s: number;
}

const textCursor = cursorCodec<TextPosition>({
  prefix: 'gt1.',
  sameInputs: 'the same call_ids and slice inputs (max_chars may change)',
  read: ({ c, s }) => (isCount(c) && isCount(s) ? { c, s } : undefined),
});

export function sliceOf(ctx: HandlerContext, input: Readonly<Record<string, unknown>>): SliceSpec {
  const spec: SliceSpec = {};
  for (const [key, field] of [['fromMs', 'from_offset'], ['toMs', 'to_offset']] as const) {
    const value = input[field];
    if (value === undefined) continue;
    try {
      spec[key] = parseOffset(value as string | number);
    } catch (error) {
      throw new InvalidInputError({ message: `${ctx.tool.name}: ${(error as Error).message}.`, tool: ctx.tool.name, field });
    }
  }
  if (spec.fromMs !== undefined && spec.toMs !== undefined && spec.fromMs >= spec.toMs) {
    throw new InvalidInputError({ message: `${ctx.tool.name}: from_offset must be before to_offset.`, tool: ctx.tool.name, field: 'to_offset' });
  }
  if (Array.isArray(input.speakers)) spec.speakers = input.speakers.map(String);
  if (typeof input.affiliation === 'string') spec.affiliation = input.affiliation;
  if (Array.isArray(input.topics)) spec.topics = input.topics.map(String);
  return spec;
}

/**
 * The transcripts of `ids` (null: Gong has none), from this connector's memory when resuming,
 * the rest from Gong; undefined in a dry run.
 */
async function transcriptsOf(ctx: HandlerContext, ids: readonly string[], resumed: boolean): Promise<Map<string, Monologue[] | null> | undefined> {
  const memory = transcriptMemory(ctx.calls);
  const now = ctx.run.convert.now();
  const out = new Map<string, Monologue[] | null>();
  if (resumed) {
    for (const id of ids) {
      const held = memory.get(id, now);
      if (held !== undefined) out.set(id, held === null ? null : [...held]);
    }
  }
  const wanted = ids.filter((id) => !out.has(id));
  for (let i = 0; i < wanted.length; i += ID_BATCH) {
    const batch = transcriptPages(ctx, wanted.slice(i, i + ID_BATCH));
    for await (const page of batch) for (const t of page.items) out.set(t.callId, t.transcript);
    if (batch.stopped === 'dry_run') {
      ctx.note('Dry run: the parties request for speaker names follows the transcript request and names only the calls that have transcripts.');
      return undefined;
    }
  }
  for (const id of wanted) {
    if (!out.has(id)) out.set(id, null);
    memory.put(id, out.get(id)!, now);
  }
  if (resumed && wanted.length > 0) {
    ctx.note(`Fetched the transcripts of ${wanted.length} call(s) again: this connector no longer held them (each new process, such as a CLI command, starts with an empty memory).`);
  }
  return out;
}

export const transcriptText: Handler = async (ctx, input) => {
  const ids = [...new Set((input.call_ids as string[]).map(String))];
  const slice = sliceOf(ctx, input);
  const boundTo = () => fingerprint(Object.assign({}, input, { cursor: undefined, max_chars: undefined }), 12);
  const resumed = typeof input.cursor === 'string';
  const start: TextPosition = resumed ? textCursor.decode(input.cursor as string, boundTo, ctx.tool.name, (p) => p.c < ids.length) : { c: 0, s: 0 };
  const maxChars = typeof input.max_chars === 'number' ? input.max_chars : DEFAULT_MAX_CHARS;
  // --all follows every cursor: the whole text at once.
  const pending = ids.slice(start.c);
  const transcripts = await transcriptsOf(ctx, pending, resumed);
  if (!transcripts) return {};
  const missingAll = resumed ? [] : pending.filter((id) => !transcripts.get(id));
  // Listed up to a quarter of max_chars; the count says how many there are in all.
  const missing: string[] = [];
  let listedChars = 0;
  for (const id of missingAll) {
    if (!ctx.run.all && listedChars + id.length + 3 > maxChars / 4) break;
    missing.push(id);
    listedChars += id.length + 3;
  }
  const missingChars = missingAll.length > 0 ? listedChars + 200 : 0;
  const budget = ctx.run.all ? Number.POSITIVE_INFINITY : Math.max(MIN_TEXT, maxChars - RESERVE - missingChars);
  const found = pending.filter((id) => transcripts.get(id));
  const infos = await callInfos(ctx, found);

  const parts: string[] = [];
  let used = 0;
  let sentences = 0;
  let kept = 0;
  let next: TextPosition | undefined;
  for (const [i, id] of pending.entries()) {
    const transcript = transcripts.get(id);
    if (!transcript) continue;
    const info = infos.get(id);
    const first = parts.length === 0;
    const from = i === 0 ? start.s : 0;
    const sep = first ? 0 : 2;
    const rendered = renderCall(id, info, transcript, { slice, from, ...(first ? { maxChars: budget } : {}) });
    const cost = sep + jsonChars(rendered.text);
    // Whole calls: a call that does not fit what is left waits for the next result.
    if (!first && used + cost > budget) {
      next = { c: start.c + i, s: 0 };
      ctx.note(`Showed ${parts.length} call(s) within max_chars ${maxChars}; ${found.length - found.indexOf(id)} more follow: pass next_cursor (same inputs) for the rest, or raise max_chars.`);
      break;
    }
    if (!info) ctx.note(`Call ${id}: Gong returned no parties, so its speakers are labelled Speaker 1, Speaker 2, …`);
    const unnamed = [...rendered.speakers.values()].filter((s) => !s.name).length;
    if (info && unnamed > 0) ctx.note(`Call ${id}: ${unnamed} speaker(s) match no party with a name and are labelled Speaker N.`);
    parts.push(rendered.text);
    used += cost;
    sentences += rendered.sentences;
    kept += rendered.sentencesKept;
    if (rendered.next !== undefined) {
      next = { c: start.c + i, s: rendered.next };
      ctx.note(`Call ${id} is longer than max_chars ${maxChars}: this result stops before ${formatOffset(rendered.nextStart ?? 0)} (sentence ${rendered.next + 1}); pass next_cursor (same inputs) to continue there, or read a slice (from_offset/to_offset, speakers, topics).`);
      break;
    }
  }
  if (missingAll.length > 0) {
    ctx.note(`No transcript for ${missingAll.length} call(s): not found, not yet processed, not recorded, or not visible to these credentials.${missing.length < missingAll.length ? ` missing_call_ids lists the first ${missing.length} (max_chars).` : ''}`);
  }
  const result: Record<string, unknown> = { text: parts.join('\n\n'), calls: parts.length, sentences, sentences_shown: kept };
  if (missing.length > 0) result.missing_call_ids = missing;
  if (next) result.next_cursor = textCursor.encode(next, boundTo);
  return result;
};
