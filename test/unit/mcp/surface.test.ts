// The MCP server's tool list (src/mcp/surface.ts, src/mcp/discovery.ts, src/mcp/instructions.ts):
// a small read-only core by default, cheap in tokens, ordered by usefulness, with instructions and
// the discovery tools; --toolsets and --read-only as before; every catalogue tool reachable.
import { describe, expect, it } from 'vitest';
import { catalog } from '../../../src/catalog/catalog.generated.js';
import { CORE_TOOLS, filterTools } from '../../../src/catalog/filter.js';
import { DISCOVERY_TOOLS } from '../../../src/mcp/discovery.js';
import { INSTRUCTIONS_MAX_CHARS, serverInstructions } from '../../../src/mcp/instructions.js';
import { callTool, listedDefinitions } from '../../../src/mcp/server.js';
import { ToolSurface } from '../../../src/mcp/surface.js';
import type { Connector } from '../../../src/connector.js';

/** o200k tokens with js-tiktoken when installed; else a conservative estimate (characters / 3.5). */
async function tokens(text: string): Promise<number> {
  const spec = 'js-tiktoken';
  try {
    const mod = (await import(spec)) as { getEncoding(name: string): { encode(s: string): number[] } };
    return mod.getEncoding('o200k_base').encode(text).length;
  } catch {
    return Math.ceil(text.length / 3.5);
  }
}

const names = (s: ToolSurface) => listedDefinitions(s).map((t) => t.name);
const text = (r: { content: Array<{ text: string }> }) => JSON.parse(r.content[0]!.text) as Record<string, any>;
/** A connector stand-in that records what would run. */
function fakeConnector(): { connector: Connector; ran: Array<[string, unknown]> } {
  const ran: Array<[string, unknown]> = [];
  const connector = { executeTool: async (name: string, input: unknown) => { ran.push([name, input]); return { ok: name }; } } as unknown as Connector;
  return { connector, ran };
}

describe('the default MCP surface', () => {
  const surface = new ToolSurface(catalog.tools);

  it('lists the read-only core, most useful first, then the discovery tools: at most 15', () => {
    expect(names(surface)).toEqual([...CORE_TOOLS, ...DISCOVERY_TOOLS]);
    expect(names(surface).length).toBeLessThanOrEqual(15);
    expect(names(surface)[0]).toBe('gong_calls_list');
    expect(surface.listed().every((t) => t.annotations.readOnlyHint)).toBe(true);
    for (const name of ['gong_calls_transcript_text', 'gong_calls_search', 'gong_users_find', 'gong_dates_resolve']) expect(names(surface)).toContain(name);
    expect(surface.listed().some((t) => t.toolset === 'stats')).toBe(true);
  });

  it('costs at most 6,000 o200k tokens as a tools/list answer', async () => {
    expect(await tokens(JSON.stringify({ tools: listedDefinitions(surface) }))).toBeLessThanOrEqual(6_000);
  });

  it('says what the server is for and how to reach the rest, within 2 KB', () => {
    const instructions = serverInstructions(surface);
    expect(instructions.length).toBeLessThanOrEqual(INSTRUCTIONS_MAX_CHARS);
    expect(instructions).toMatch(/^Gong \(gong\.io\)/);
    for (const name of DISCOVERY_TOOLS) expect(instructions).toContain(name);
    expect(instructions).toContain(`${surface.listed().length} of the ${catalog.tools.length} Gong tools`);
  });

  it('enabling a toolset appends its tools once and calls back so the server sends list_changed', async () => {
    const s = new ToolSurface(catalog.tools);
    const { connector, ran } = fakeConnector();
    let changed = 0;
    const options = { connector, surface: s, onListChanged: async () => { changed++; } };
    const users = catalog.tools.filter((t) => t.toolset === 'users').map((t) => t.name);
    const before = await callTool(options, 'gong_users_list', {});
    expect(before.isError).toBe(true);
    expect(text(before)).toMatchObject({ error: 'tool_not_enabled', hint: expect.stringContaining('gong_toolset_enable {"toolsets":["users"]}') });

    const enabled = text(await callTool(options, 'gong_toolset_enable', { toolsets: ['users'] }));
    expect(enabled.added_tools).toEqual(users.filter((n) => n !== 'gong_users_find'));
    expect(changed).toBe(1);
    expect(s.listed().map((t) => t.name).filter((n) => users.includes(n)).sort()).toEqual([...users].sort());
    expect(text(await callTool(options, 'gong_users_list', {}))).toEqual({ ok: 'gong_users_list' });
    // Enabling again adds nothing and sends nothing.
    expect(text(await callTool(options, 'gong_toolset_enable', { toolsets: ['users'] })).added_tools).toEqual([]);
    expect(changed).toBe(1);
    expect(ran).toEqual([['gong_users_list', {}]]);
    const bad = await callTool(options, 'gong_toolset_enable', { toolsets: ['userz'] });
    expect(text(bad)).toMatchObject({ error: 'invalid_input', field: 'toolsets', message: expect.stringContaining('unknown: userz') });
  });

  it('describes and runs any catalogue tool, listed or not', async () => {
    const { connector, ran } = fakeConnector();
    const options = { connector, surface: new ToolSurface(catalog.tools) };
    for (const tool of catalog.tools) {
      const described = text(await callTool(options, 'gong_tool_describe', { name: tool.name }));
      expect(described).toMatchObject({ name: tool.name, toolset: tool.toolset, inputSchema: expect.any(Object) });
      const run = await callTool(options, 'gong_tool_run', { name: tool.name, input: { x: 1 } });
      expect(text(run)).toEqual({ ok: tool.name });
    }
    expect(ran).toHaveLength(catalog.tools.length);
    const unknown = text(await callTool(options, 'gong_tool_run', { name: 'gong_users_lst' }));
    expect(unknown).toMatchObject({ error: 'unknown_tool', message: expect.stringContaining('gong_users_list'), hint: 'gong_toolsets_list lists every tool by toolset.' });
    const toolsets = text(await callTool(options, 'gong_tool_run', { name: 'gong_toolsets_list' }));
    expect(toolsets.toolsets.map((t: { name: string }) => t.name).sort()).toEqual(Object.keys(catalog.connector.toolsets).sort());
  });

  it('lists every toolset with what it covers and how much of it is listed', async () => {
    const { connector } = fakeConnector();
    const report = text(await callTool({ connector, surface: new ToolSurface(catalog.tools) }, 'gong_toolsets_list', {}));
    const stats = report.toolsets.find((t: { name: string }) => t.name === 'stats');
    expect(stats).toMatchObject({ description: catalog.connector.toolsets.stats, listed: expect.stringMatching(/^1 of \d+$/) });
    expect(report.toolsets.find((t: { name: string }) => t.name === 'admin').listed).toBe('none');
  });
});

describe('--toolsets and --read-only', () => {
  it('all: every tool, the core first, no discovery tools', () => {
    const s = new ToolSurface(catalog.tools, { toolsets: 'all' });
    const listed = names(s);
    expect(listed.slice(0, CORE_TOOLS.length)).toEqual([...CORE_TOOLS]);
    expect([...listed].sort()).toEqual(catalog.tools.map((t) => t.name).sort());
    expect(serverInstructions(s)).not.toContain('gong_tool_run');
  });

  it('named toolsets: those tools in catalogue order, then the discovery tools', () => {
    const s = new ToolSurface(catalog.tools, { toolsets: 'stats, dates' });
    expect(names(s)).toEqual([...filterTools(catalog.tools, { toolsets: ['stats', 'dates'] }).map((t) => t.name), ...DISCOVERY_TOOLS]);
    expect(() => new ToolSurface(catalog.tools, { toolsets: 'stat' })).toThrow(/Unknown toolset 'stat'/);
  });

  it('read-only: the run path refuses tools that change Gong data, with the reason', async () => {
    const { connector, ran } = fakeConnector();
    const options = { connector, surface: new ToolSurface(catalog.tools, { readOnly: true }) };
    const refused = text(await callTool(options, 'gong_tool_run', { name: 'gong_engage_task_skip', input: {} }));
    expect(refused).toMatchObject({ error: 'tool_not_enabled', hint: expect.stringContaining('read-only') });
    const run = listedDefinitions(options.surface).find((t) => t.name === 'gong_tool_run')!;
    expect(run.annotations).toMatchObject({ readOnlyHint: true });
    const enabled = text(await callTool(options, 'gong_toolset_enable', { toolsets: ['tasks'] }));
    expect(enabled.added_tools).toEqual(catalog.tools.filter((t) => t.toolset === 'tasks' && t.annotations.readOnlyHint).map((t) => t.name));
    expect(ran).toEqual([]);
  });
});
