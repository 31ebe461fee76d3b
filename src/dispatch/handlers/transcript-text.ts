// gong_calls_transcript_text: calls' transcripts as readable text with speaker names, optionally
// sliced. Requests: one transcript request per 100 calls (more if Gong pages), then one parties
// request per 100 calls not already known to this connector — never one per call.
import { InvalidInputError } from '../../http/errors.js';
import { parseOffset } from '../../render/offsets.js';
import type { SliceSpec } from '../../render/slice.js';
import { renderCall } from '../../render/transcript-text.js';
import type { CallTranscript } from '../../render/types.js';
import { callInfos, ID_BATCH, transcriptPages } from './call-data.js';
import type { Handler, HandlerContext } from './types.js';

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

export const transcriptText: Handler = async (ctx, input) => {
  const ids = [...new Set((input.call_ids as string[]).map(String))];
  const slice = sliceOf(ctx, input);
  const transcripts = new Map<string, CallTranscript>();
  for (let i = 0; i < ids.length; i += ID_BATCH) {
    const batch = transcriptPages(ctx, ids.slice(i, i + ID_BATCH));
    for await (const page of batch) for (const t of page.items) transcripts.set(t.callId, t);
    if (batch.stopped === 'dry_run') {
      ctx.note('Dry run: the parties request for speaker names follows the transcript request and names only the calls that have transcripts.');
      return {};
    }
  }
  const found = ids.filter((id) => transcripts.has(id));
  const infos = await callInfos(ctx, found);
  const parts: string[] = [];
  let sentences = 0;
  let kept = 0;
  for (const id of found) {
    const info = infos.get(id);
    if (!info) ctx.note(`Call ${id}: Gong returned no parties, so its speakers are labelled Speaker 1, Speaker 2, …`);
    const rendered = renderCall(id, info, transcripts.get(id)!.transcript, slice);
    const unnamed = [...rendered.speakers.values()].filter((s) => !s.name).length;
    if (info && unnamed > 0) ctx.note(`Call ${id}: ${unnamed} speaker(s) match no party with a name and are labelled Speaker N.`);
    parts.push(rendered.text);
    sentences += rendered.sentences;
    kept += rendered.sentencesKept;
  }
  const missing = ids.filter((id) => !transcripts.has(id));
  if (missing.length > 0) {
    ctx.note(`No transcript for ${missing.length} call(s): not found, not yet processed, not recorded, or not visible to these credentials.`);
  }
  const result: Record<string, unknown> = { text: parts.join('\n\n'), calls: found.length, sentences, sentences_shown: kept };
  if (missing.length > 0) result.missing_call_ids = missing;
  return result;
};
