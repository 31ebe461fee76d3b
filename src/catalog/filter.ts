// Tool subsets for small model contexts: by toolset and read-only. Besides the manifest's toolsets,
// `core` is the small read-only set an agent starts with (the MCP server's default list), ordered
// by how often an agent needs each tool, and `all` is every tool.
import type { ToolEntry } from './types.js';
import { InvalidInputError } from '../http/errors.js';

/**
 * The core, most useful first (clients that keep only the first N tools keep these): find calls,
 * read what was said, search words, know what a call was about, find people, activity stats, and
 * dates. Heavy or specialised tools (calls with every detail, raw transcripts, writes) stay one
 * toolset away.
 */
export const CORE_TOOLS: readonly string[] = Object.freeze([
  'gong_calls_list',
  'gong_calls_transcript_text',
  'gong_calls_search',
  'gong_calls_ai_content_get',
  'gong_users_find',
  'gong_stats_activity_aggregate',
  'gong_dates_resolve',
]);

/** Pseudo-toolsets accepted beside the manifest's. */
export const CORE = 'core';
export const ALL = 'all';

/** Toolset names from a flag value (`calls, users`) or a list. */
export function toolsetNames(toolsets: string | readonly string[] | undefined): string[] | undefined {
  if (typeof toolsets === 'string') return toolsets.split(',').map((s) => s.trim()).filter(Boolean);
  return toolsets ? [...toolsets] : undefined;
}

export function filterTools(
  tools: readonly ToolEntry[],
  options: { toolsets?: string | readonly string[] | undefined; readOnly?: boolean },
): ToolEntry[] {
  const known = new Set(tools.map((t) => t.toolset));
  const wanted = toolsetNames(options.toolsets);
  for (const w of wanted ?? []) {
    if (!known.has(w) && w !== CORE && w !== ALL) {
      throw new InvalidInputError({ message: `Unknown toolset '${w}'. Toolsets: ${[...known].sort().join(', ')} (or ${CORE}, ${ALL}).`, field: 'toolsets' });
    }
  }
  const byName = new Map(tools.map((t) => [t.name, t]));
  const core = wanted?.includes(CORE) ? CORE_TOOLS.flatMap((n) => byName.get(n) ?? []) : [];
  const every = !wanted || wanted.includes(ALL);
  const rest = tools.filter((t) => !core.includes(t) && (every || wanted.includes(t.toolset)));
  return [...core, ...rest].filter((t) => !options.readOnly || t.annotations.readOnlyHint);
}
