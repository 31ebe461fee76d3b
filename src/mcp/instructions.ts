// The MCP initialize result's `instructions`: what this server is for, where to start, and how to
// reach the tools that are not in the list. Clients show or search by it (Claude Code keeps the
// first 2 KB), so it stays short and names tools, not pages of prose.
import { TOOL_DESCRIBE, TOOL_RUN, TOOLSET_ENABLE, TOOLSETS_LIST } from './discovery.js';
import type { ToolSurface } from './surface.js';

export const INSTRUCTIONS_MAX_CHARS = 2_000;

export function serverInstructions(surface: ToolSurface): string {
  const total = surface.allowed.length;
  const listed = surface.listed().length;
  const lines = [
    "Gong (gong.io) through its REST API: recorded calls and meetings, what was said (transcripts), AI summaries, users, activity and scorecard stats, Engage flows and tasks, settings.",
    'Start: gong_calls_list finds calls (date_range takes {"relative":"last week"} or from/to dates); gong_calls_ai_content_get says what a call was about; gong_calls_transcript_text gives the words (a 45-minute call is about 4,500 tokens; slice it by time, speaker or topic); gong_calls_search finds words across many calls.',
    'People: gong_users_find turns a name or email into a user id; every user-id input also takes an email. Calls a person attended: gong_calls_extensive_list (toolset calls) with participants (emails or ids, customers too; the connector filters, Gong cannot) or primary_user_ids (hosts; Gong filters).',
    'Results are JSON with notes (read them) and next_cursor when more remain: pass it back with the same inputs.',
  ];
  if (surface.discovery && listed < total) {
    lines.push(`This list has ${listed} of the ${total} Gong tools. ${TOOLSETS_LIST} shows the others by toolset; ${TOOLSET_ENABLE} adds a toolset to your list. If your client does not refresh its tool list, ${TOOL_DESCRIBE} {"name":…} shows any tool's inputs and ${TOOL_RUN} {"name":…,"input":{…}} runs it.`);
  }
  lines.push(surface.readOnly
    ? 'This server is read-only: tools that change Gong data are not available.'
    : 'Tools that change Gong data say so in their annotations; irreversible ones need confirm: true, so ask the user first.');
  return lines.join('\n');
}
