// What the package costs an agent's context, in o200k tokens (bench/tokens.ts): the default MCP
// tools/list as the built server sends it, every tool's definition in each format, SKILL.md, and
// read tools answering ordinary agent inputs on the sandbox, counted as the MCP content blocks an
// agent receives (src/mcp/server.ts callTool). Goals (docs/bench.md): ≤ 6,000 for the default
// list, ≤ 15,000 for all definitions, ≤ 4,000 for SKILL.md, ≤ 10,000 per tool result.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { catalog } from '../dist/catalog/catalog.generated.js';
import { TOOL_FORMATS, toolDefinitions } from '../dist/catalog/formats.js';
import { createConnector } from '../dist/connector.js';
import { callTool } from '../dist/mcp/server.js';
import { ToolSurface } from '../dist/mcp/surface.js';
import { MemoryLimiterStore } from '../src/state/limiter/memory.js';
import { startSandbox } from '../dist/sandbox/index.js';
import { atMost, figure, type Figure, type Section } from './lib.js';
import { tokens } from './tokens.js';

const ROOT = resolve(import.meta.dirname, '..');
const RESULT_GOAL = 10_000;

type Input = Record<string, unknown>;

/** One ordinary agent request: a short id, what it asks, the tool and its input. */
interface Case {
  id: string;
  label: string;
  tool: string;
  input: Input;
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The cases, on the sandbox's data (its "today" is the anchor). */
function cases(data: { anchor: string; calls: Array<{ metaData: { id: string; duration: number }; filterMs: number }>; users: Array<{ id: string; firstName: string }> }): Case[] {
  const today = Date.parse(data.anchor);
  const month = { from_date_time: new Date(today - 30 * 86_400_000).toISOString(), to_date_time: new Date(today).toISOString() };
  const stats = { from_date: day(today - 30 * 86_400_000), to_date: day(today - 86_400_000) };
  const recent = data.calls.filter((c) => c.filterMs >= today - 30 * 86_400_000 && c.filterMs < today && c.metaData.duration > 600);
  const ids = (n: number) => recent.slice(0, n).map((c) => String(c.metaData.id));
  const users = data.users.slice(0, 3).map((u) => u.id);
  const lastMonth = { relative: 'last 30 days' };
  return [
    { id: 'calls_list.default', label: 'calls, no inputs', tool: 'gong_calls_list', input: {} },
    { id: 'calls_list.month', label: 'calls of the last 30 days', tool: 'gong_calls_list', input: { date_range: lastMonth } },
    { id: 'calls_list.ids', label: 'calls by 5 ids', tool: 'gong_calls_list', input: { call_ids: ids(5).join(',') } },
    { id: 'extensive.month', label: 'calls with details, last 30 days', tool: 'gong_calls_extensive_list', input: { date_range: lastMonth } },
    { id: 'extensive.limit10', label: 'calls with details, 10 of the month', tool: 'gong_calls_extensive_list', input: { date_range: lastMonth, limit: 10 } },
    { id: 'calls_get.5', label: '5 calls with details by id', tool: 'gong_calls_get', input: { call_ids: ids(5) } },
    { id: 'call_get.1', label: 'one call by id', tool: 'gong_call_get', input: { id: ids(1)[0] } },
    { id: 'ai_content.1', label: "one call's AI content", tool: 'gong_calls_ai_content_get', input: { call_ids: ids(1) } },
    { id: 'transcript_get.1', label: 'raw transcript, 1 call', tool: 'gong_calls_transcript_get', input: { call_ids: ids(1) } },
    { id: 'transcript_get.5', label: 'raw transcripts, 5 calls', tool: 'gong_calls_transcript_get', input: { call_ids: ids(5) } },
    { id: 'transcript_get.10', label: 'raw transcripts, 10 calls', tool: 'gong_calls_transcript_get', input: { call_ids: ids(10) } },
    { id: 'transcript_text.1', label: 'transcript text, 1 call', tool: 'gong_calls_transcript_text', input: { call_ids: ids(1) } },
    { id: 'transcript_text.5', label: 'transcript text, 5 calls', tool: 'gong_calls_transcript_text', input: { call_ids: ids(5) } },
    { id: 'transcript_text.10', label: 'transcript text, 10 calls', tool: 'gong_calls_transcript_text', input: { call_ids: ids(10) } },
    { id: 'transcript_text.slice', label: 'transcript text, 1 call, External, 00:10–00:20', tool: 'gong_calls_transcript_text', input: { call_ids: ids(1), from_offset: '00:10:00', to_offset: '00:20:00', affiliation: 'External' } },
    { id: 'search.month', label: 'search "pricing", last 30 days', tool: 'gong_calls_search', input: { query: 'pricing', date_range: lastMonth } },
    { id: 'search.estimate', label: 'search estimate, 90 days', tool: 'gong_calls_search', input: { query: 'pricing', date_range: { relative: 'last 90 days' }, estimate_only: true } },
    { id: 'users_list.default', label: 'users, no inputs', tool: 'gong_users_list', input: {} },
    { id: 'users_get.3', label: '3 users by id', tool: 'gong_users_get', input: { user_ids: users } },
    { id: 'user_get.1', label: 'one user by id', tool: 'gong_user_get', input: { id: users[0] } },
    { id: 'users_find.name', label: 'find a user by first name', tool: 'gong_users_find', input: { query: data.users[0]!.firstName } },
    { id: 'engage_users.default', label: 'active users (engage)', tool: 'gong_engage_users_list', input: {} },
    { id: 'stats.day_by_day', label: 'activity day by day, a month', tool: 'gong_stats_activity_day_by_day', input: stats },
    { id: 'stats.by_week', label: 'activity by week, a month', tool: 'gong_stats_activity_aggregate_by_period', input: { ...stats, aggregation_period: 'WEEK' } },
    { id: 'stats.aggregate', label: 'activity aggregate, a month', tool: 'gong_stats_activity_aggregate', input: stats },
    { id: 'stats.user_actions', label: 'user actions, a month', tool: 'gong_stats_user_actions', input: month },
    { id: 'stats.interaction', label: 'interaction stats, a month', tool: 'gong_stats_interaction', input: month },
    { id: 'stats.scorecards', label: 'answered scorecards, no inputs', tool: 'gong_stats_scorecards_list', input: {} },
    { id: 'scorecards', label: 'scorecard settings', tool: 'gong_scorecards_list', input: {} },
    { id: 'trackers', label: 'trackers', tool: 'gong_trackers_list', input: {} },
    { id: 'workspaces', label: 'workspaces', tool: 'gong_engage_workspaces_list', input: {} },
    { id: 'library', label: 'library folders', tool: 'gong_library_folders_list', input: {} },
    { id: 'dates', label: 'resolve "last month"', tool: 'gong_dates_resolve', input: { relative: 'last month' } },
  ];
}

/** tools/list of `gong-connector mcp` with no flags but --sandbox (no credentials needed), as JSON. */
async function defaultList(): Promise<{ json: string; tools: number; instructions: string }> {
  const transport = new StdioClientTransport({ command: process.execPath, args: [resolve(ROOT, 'bin/gong-connector.js'), 'mcp', '--sandbox'], env: { PATH: process.env.PATH ?? '' }, stderr: 'pipe' });
  const client = new Client({ name: 'gong-connector-bench', version: '1.0.0' });
  await client.connect(transport);
  try {
    const listed = await client.listTools();
    return { json: JSON.stringify({ tools: listed.tools }), tools: listed.tools.length, instructions: client.getInstructions() ?? '' };
  } finally {
    await client.close();
  }
}

export async function measureContext(): Promise<Section> {
  const figures: Figure[] = [];
  const list = await defaultList();
  figures.push(figure({
    id: 'context.mcp_default_list', label: `MCP tools/list, no flags (${list.tools} tools)`, value: tokens(list.json), unit: 'tokens',
    goal: '≤ 6,000', check: atMost(6_000), detail: { tools: list.tools, chars: list.json.length, instructions_tokens: tokens(list.instructions) },
  }));
  for (const format of TOOL_FORMATS) {
    const json = JSON.stringify(toolDefinitions(catalog.tools, format));
    figures.push(figure({
      id: `context.definitions.${format}`, label: `all ${catalog.tools.length} tool definitions, ${format} format`, value: tokens(json), unit: 'tokens',
      goal: '≤ 15,000', check: atMost(15_000), detail: { chars: json.length },
    }));
  }
  const skill = readFileSync(resolve(ROOT, 'SKILL.md'), 'utf8');
  figures.push(figure({ id: 'context.skill_md', label: 'SKILL.md', value: tokens(skill), unit: 'tokens', goal: '≤ 4,000', check: atMost(4_000), detail: { chars: skill.length } }));

  const sandbox = await startSandbox({ seed: 1, rateLimit: false });
  const connector = createConnector({
    accessKey: sandbox.credentials.accessKey, accessKeySecret: sandbox.credentials.accessKeySecret, baseUrl: sandbox.baseUrl,
    env: {}, rateLimitPerSecond: 1000, limiterStore: new MemoryLimiterStore(),
  });
  // Every tool runnable, as with --toolsets all: the cases measure results, not the default list.
  const surface = new ToolSurface(catalog.tools, { toolsets: ['all'] });
  try {
    const known = new Set(catalog.tools.map((t) => t.name));
    for (const c of cases(sandbox.data)) {
      const id = `context.result.${c.id}`;
      const label = `${c.tool.replace(/^gong_/, '')}: ${c.label}`;
      if (!known.has(c.tool)) {
        figures.push(figure({ id, label, value: null, unit: 'tokens', goal: '≤ 10,000', note: `${c.tool} is not in this build.` }));
        continue;
      }
      // A fresh connector memory per case would hide nothing: each case asks for different data.
      const result = await callTool({ connector, surface }, c.tool, c.input);
      const text = result.content.map((b) => b.text).join('\n');
      const value = tokens(text);
      const parsed = result.content.length > 0 ? safeJson(result.content[result.content.length - 1]!.text) : undefined;
      figures.push(figure({
        id, label, value: result.isError ? null : value, unit: 'tokens', goal: '≤ 10,000', check: result.isError ? undefined : atMost(RESULT_GOAL),
        detail: { tool: c.tool, input: c.input, chars: text.length, next_cursor: parsed?.next_cursor !== undefined, error: result.isError === true },
        ...(result.isError ? { note: `failed: ${text.slice(0, 300)}` } : {}),
      }));
      if (result.isError) figures[figures.length - 1]!.met = false;
    }
  } finally {
    await connector.close();
    await sandbox.close();
  }
  return { name: 'context', figures };
}

function safeJson(text: string): Record<string, unknown> | undefined {
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
