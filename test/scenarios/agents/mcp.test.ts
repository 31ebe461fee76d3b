// The MCP server end to end: the real SDK client over stdio, spawning `gong-connector mcp` (built
// CLI) against the Gong sandbox. The small default list with instructions, toolsets enabled on the
// fly (list_changed), every tool reached by clients with and without list-changed support, filters,
// calls, and failures as isError results with the CLI's error JSON.
import { spawn } from 'node:child_process';
import { dirname } from 'node:path';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ToolListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalog } from '../../../src/catalog/catalog.generated.js';
import { CORE_TOOLS, filterTools } from '../../../src/catalog/filter.js';
import { toolDefinitions } from '../../../src/catalog/formats.js';
import { DISCOVERY_TOOLS } from '../../../src/mcp/discovery.js';
import { BIN, runCli } from '../../support/cli.js';
import { startSandbox, type Sandbox } from '../../../src/sandbox/index.js';
import { parseTranscriptText } from './support/parse-text.js';
import { LDJSON_FILE } from '../../fixtures/sample-inputs.js';

let gong: Sandbox;
let env: Record<string, string>;
const clients: Client[] = [];

type Content = Array<{ type: string; text: string }>;

async function connect(args: string[] = [], childEnv: Record<string, string> = env): Promise<Client> {
  const transport = new StdioClientTransport({ command: process.execPath, args: [BIN, 'mcp', ...args], env: childEnv, stderr: 'pipe' });
  const client = new Client({ name: 'gong-connector-test', version: '1.0.0' });
  await client.connect(transport);
  clients.push(client);
  return client;
}

beforeAll(async () => {
  gong = await startSandbox({ rateLimit: false, anchor: new Date('2026-01-05T00:00:00Z') });
  env = {
    PATH: process.env.PATH ?? '', GONG_API_BASE_URL: gong.baseUrl, GONG_ACCESS_KEY: gong.credentials.accessKey,
    GONG_ACCESS_KEY_SECRET: gong.credentials.accessKeySecret, GONG_RATE_LIMIT_PER_SECOND: '1000',
  };
});
afterAll(async () => {
  for (const c of clients) await c.close();
  await gong.close();
});

describe('gong-connector mcp', () => {
  it('with --toolsets all, lists every tool (the core first) with its JSON Schema and annotations as the catalogue has them', async () => {
    const client = await connect(['--toolsets', 'all']);
    const { tools } = await client.listTools();
    expect(tools).toEqual(toolDefinitions(filterTools(catalog.tools, { toolsets: ['core', 'all'] }), 'mcp'));
    expect(tools.map((t) => t.name).sort()).toEqual(catalog.tools.map((t) => t.name).sort());
    const search = tools.find((t) => t.name === 'gong_calls_search')!;
    expect(search.annotations).toMatchObject({ readOnlyHint: true, destructiveHint: false, openWorldHint: true });
  });

  it('keeps the list small with --toolsets and --read-only', async () => {
    const client = await connect(['--toolsets', 'calls,dates,raw', '--read-only']);
    const { tools } = await client.listTools();
    const expected = catalog.tools.filter((t) => ['calls', 'dates', 'raw'].includes(t.toolset) && t.annotations.readOnlyHint).map((t) => t.name);
    expect(tools.map((t) => t.name)).toEqual([...expected, ...DISCOVERY_TOOLS]);
    expect(tools.map((t) => t.name)).not.toContain('gong_api_request');
    const refused = await client.callTool({ name: 'gong_api_request', arguments: { method: 'GET', path: '/v2/users' } });
    expect(refused.isError).toBe(true);
    expect(JSON.parse((refused.content as Content)[0]!.text)).toMatchObject({ error: 'tool_not_enabled', hint: expect.stringContaining('read-only') });
    // Nor through the run path.
    const run = await client.callTool({ name: 'gong_tool_run', arguments: { name: 'gong_api_request', input: { method: 'GET', path: '/v2/users' } } });
    expect(JSON.parse((run.content as Content)[0]!.text)).toMatchObject({ error: 'tool_not_enabled' });
  });

  it('calls a tool against Gong: the transcript as plain text, then the rate-limit state', async () => {
    const client = await connect(['--toolsets', 'calls']);
    const call = gong.data.calls[0]!;
    const result = await client.callTool({ name: 'gong_calls_transcript_text', arguments: { call_ids: [call.metaData.id], affiliation: 'External' } });
    expect(result.isError).toBeFalsy();
    const [text, meta] = result.content as Content;
    expect(text!.text.startsWith(`# ${call.metaData.title}\ncall ${call.metaData.id} | `)).toBe(true);
    // Only external speakers' turns, each labelled by a label the legend gives an external name.
    const external = call.parties.filter((p) => p.affiliation === 'External' && p.name).map((p) => p.name!);
    const [parsed] = parseTranscriptText(text!.text);
    expect(parsed!.turns.length).toBeGreaterThan(0);
    expect(parsed!.turns.filter((t) => !external.includes(parsed!.speakers.get(t.label)?.name ?? ''))).toEqual([]);
    const rest = JSON.parse(meta!.text) as Record<string, any>;
    expect(rest.rate_limit).toMatchObject({ requests: 2, daily_limit: 10_000 });
    expect(rest.rate_limit.used_today).toBeGreaterThanOrEqual(2);
  });

  it('returns failures as isError results with the same JSON as the CLI error line', async () => {
    const client = await connect(['--toolsets', 'all']);
    const bad = await client.callTool({ name: 'gong_calls_search', arguments: { query: 'x', context_sentences: 99, call_ids: ['1'] } });
    expect(bad.isError).toBe(true);
    const json = JSON.parse((bad.content as Content)[0]!.text) as Record<string, unknown>;
    expect(json).toMatchObject({ error: 'invalid_input', field: 'context_sentences' });
    const cli = await runCli(['call', 'gong_calls_search', JSON.stringify({ query: 'x', context_sentences: 99, call_ids: ['1'] })], { env });
    expect(cli.code).toBe(2);
    // The same JSON, except that the hint names what an MCP agent can use instead of the CLI.
    const cliJson = JSON.parse(cli.stderr.trim()) as Record<string, unknown>;
    expect(cliJson.hint).toContain('`gong-connector tools` shows every input');
    expect(json.hint).toBe(String(cliJson.hint).replace('`gong-connector tools` shows every input', "the tool's inputSchema shows every input"));
    expect({ ...json, hint: cliJson.hint }).toEqual(cliJson);

    // An unknown tool is a JSON-RPC error (Invalid params), as the MCP spec says, not a tool result.
    await expect(client.callTool({ name: 'gong_calls_serch', arguments: {} })).rejects.toMatchObject({ code: -32602, message: expect.stringContaining('gong_calls_search') });

    const missing = await client.callTool({ name: 'gong_call_get', arguments: { id: '7782342274025937895' } });
    expect(missing.isError).toBe(true);
    const notFound = JSON.parse((missing.content as Content)[0]!.text) as Record<string, any>;
    expect(notFound).toMatchObject({ error: 'not_found', status: 404 });
    expect(notFound.rate_limit).toMatchObject({ requests: 1 });
    expect((missing.content as Content)[0]!.text).not.toContain(gong.credentials.accessKeySecret);
  });

  it('reads no local file for an upload unless GONG_UPLOAD_DIR names the folder', async () => {
    const input = { integration_id: '2271307570613351879', object_type: 'ACCOUNT', client_request_id: 'mcp-upload-1', data_file: LDJSON_FILE, confirm: true };
    const off = await (await connect(['--toolsets', 'all'])).callTool({ name: 'gong_crm_objects_upload', arguments: input });
    expect(off.isError).toBe(true);
    expect(JSON.parse((off.content as Content)[0]!.text)).toMatchObject({ error: 'invalid_input', message: expect.stringContaining('uploads are off'), hint: expect.stringContaining('GONG_UPLOAD_DIR') });
    const on = await (await connect(['--toolsets', 'all'], { ...env, GONG_UPLOAD_DIR: dirname(LDJSON_FILE) })).callTool({ name: 'gong_crm_objects_upload', arguments: input });
    // The file was read and sent: Gong (the sandbox) answered, whatever it thought of the integration id.
    expect((on.content as Content)[0]!.text).not.toContain('uploads are off');
    expect(JSON.parse((on.content as Content).at(-1)!.text)).toMatchObject({ rate_limit: { requests: 1 } });
  });

  it('exits cleanly when the client goes away', async () => {
    const child = spawn(process.execPath, [BIN, 'mcp', '--toolsets', 'dates'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    await new Promise((r) => child.stderr.once('data', r));
    child.stdin.end();
    const code = await new Promise<number | null>((r) => child.on('close', r));
    expect(code).toBe(0);
    expect(stderr).toMatch(new RegExp(`1 tool listed, ${catalog.tools.length - 1} more through the discovery tools on stdio`));
  });
});

describe('gong-connector mcp with no flags: a small list, everything reachable', () => {
  it('lists at most 15 read-only tools, most useful first, and sends instructions', async () => {
    const client = await connect();
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual([...CORE_TOOLS, ...DISCOVERY_TOOLS]);
    expect(tools.length).toBeLessThanOrEqual(15);
    // The core only reads; of the discovery tools only gong_tool_run may change data (it runs any tool).
    expect(tools.filter((t) => t.name !== 'gong_tool_run').every((t) => t.annotations?.readOnlyHint === true)).toBe(true);
    const instructions = client.getInstructions() ?? '';
    expect(instructions).toMatch(/^Gong \(gong\.io\)/);
    expect(instructions).toContain('gong_toolset_enable');
    expect(instructions).toContain('gong_tool_run');
    expect(client.getServerCapabilities()?.tools).toMatchObject({ listChanged: true });
  });

  it('enabling a toolset sends list_changed; the new tools are listed and callable', async () => {
    const client = await connect();
    let changed = 0;
    const notified = new Promise<void>((resolve) => {
      client.setNotificationHandler(ToolListChangedNotificationSchema, async () => { changed++; resolve(); });
    });
    const enabled = await client.callTool({ name: 'gong_toolset_enable', arguments: { toolsets: ['users'] } });
    expect(enabled.isError).toBeFalsy();
    expect(JSON.parse((enabled.content as Content)[0]!.text).added_tools).toContain('gong_users_list');
    await notified;
    expect(changed).toBe(1);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(expect.arrayContaining(['gong_users_list', 'gong_user_get', 'gong_users_get']));
    const listed = await client.callTool({ name: 'gong_users_list', arguments: { limit: 3 } });
    expect(listed.isError).toBeFalsy();
    expect(JSON.parse((listed.content as Content)[0]!.text).users).toHaveLength(3);
  });

  it('a client without list-changed support reaches every tool through describe and run', async () => {
    const client = await connect();
    const listed = new Set((await client.listTools()).tools.map((t) => t.name));
    for (const tool of catalog.tools) {
      const described = await client.callTool({ name: 'gong_tool_describe', arguments: { name: tool.name } });
      expect(JSON.parse((described.content as Content)[0]!.text)).toMatchObject({ name: tool.name, inputSchema: expect.any(Object) });
      // An input no tool has: each tool's own validation answers (nothing is sent to Gong).
      const probe = await client.callTool({ name: 'gong_tool_run', arguments: { name: tool.name, input: { no_such_input: 1 } } });
      expect(JSON.parse((probe.content as Content)[0]!.text)).toMatchObject({ error: 'invalid_input', tool: tool.name });
    }
    // A real answer from a tool that is not listed.
    expect(listed.has('gong_user_get')).toBe(false);
    const user = gong.data.users[0]!;
    const got = await client.callTool({ name: 'gong_tool_run', arguments: { name: 'gong_user_get', input: { id: user.emailAddress } } });
    expect(got.isError).toBeFalsy();
    const result = JSON.parse((got.content as Content)[0]!.text) as Record<string, any>;
    expect(result.user.id).toBe(user.id);
    expect(result.notes.join(' ')).toContain(`is Gong user ${user.id}`);
  });

  it('gong_users_find answers a name in a few hundred characters', async () => {
    const client = await connect();
    const user = gong.data.users.find((u) => u.active)!;
    const found = await client.callTool({ name: 'gong_users_find', arguments: { query: user.lastName } });
    const text = (found.content as Content)[0]!.text;
    expect(JSON.parse(text).users).toEqual(expect.arrayContaining([expect.objectContaining({ id: user.id, email: user.emailAddress })]));
    expect(text.length).toBeLessThan(2_000);
  });
});

describe('gong-connector mcp against the sandbox', () => {
  let sb: Sandbox;
  let sandboxEnv: Record<string, string>;
  beforeAll(async () => {
    sb = await startSandbox({ seed: 3, rateLimit: false });
    sandboxEnv = {
      PATH: process.env.PATH ?? '', GONG_API_BASE_URL: sb.baseUrl, GONG_ACCESS_KEY: sb.credentials.accessKey,
      GONG_ACCESS_KEY_SECRET: sb.credentials.accessKeySecret, GONG_RATE_LIMIT_PER_SECOND: '1000',
    };
  });
  afterAll(() => sb.close());

  it('lists the read-only call tools, searches, then reads the transcript around a hit', async () => {
    const client = await connect(['--toolsets', 'calls,dates', '--read-only'], sandboxEnv);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(expect.arrayContaining(['gong_calls_search', 'gong_calls_transcript_text', 'gong_dates_resolve', 'gong_calls_list']));
    expect(tools.every((t) => t.annotations?.readOnlyHint === true)).toBe(true);

    const to = sb.data.anchor;
    const from = new Date(Date.parse(to) - 7 * 86_400_000).toISOString();
    const found = await client.callTool({ name: 'gong_calls_search', arguments: { query: 'Salesforce', from_date_time: from, to_date_time: to, max_hits: 3 } });
    expect(found.isError).toBeFalsy();
    const search = JSON.parse((found.content as Content)[0]!.text) as Record<string, any>;
    expect(search.hits).toHaveLength(3);
    expect(search.cost.estimated_requests).toBeGreaterThan(0);
    expect(search.rate_limit).toMatchObject({ requests: search.requests_used });
    const hit = search.hits[0] as { call_id: string; offset: string; speaker: string; text: string };

    const read = await client.callTool({ name: 'gong_calls_transcript_text', arguments: { call_ids: [hit.call_id], from_offset: hit.offset, to_offset: String(Number(hit.offset.slice(0, 2)) * 3600 + Number(hit.offset.slice(3, 5)) * 60 + Number(hit.offset.slice(6)) + 30) } });
    expect(read.isError).toBeFalsy();
    const text = (read.content as Content)[0]!.text;
    expect(text).toContain(hit.text);
    expect(text).toContain(`${hit.speaker.split(' ')[0]}`);
  });
});

describe('gong-connector mcp --sandbox', () => {
  it('serves the tools against its own in-process sandbox', async () => {
    const client = await connect(['--sandbox', '--seed', '2', '--toolsets', 'calls,dates'], { PATH: process.env.PATH ?? '' });
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toContain('gong_calls_transcript_text');
    const listed = await client.callTool({ name: 'gong_calls_list', arguments: { date_range: { relative: 'last 7 days' }, limit: 5 } });
    expect(listed.isError).toBeFalsy();
    const result = JSON.parse((listed.content as Content)[0]!.text) as { calls: Array<{ id: string }>; notes: string[]; rate_limit: { requests: number } };
    expect(result.calls).toHaveLength(5);
    expect(result.notes.join(' ')).toMatch(/"last 7 days" in UTC/);
    const read = await client.callTool({ name: 'gong_calls_transcript_text', arguments: { call_ids: [result.calls[0]!.id] } });
    expect((read.content as Content)[0]!.text).toMatch(/^# .+\ncall \d+ \| .+\nspeakers:\n/);
  });
});

describe('gong-connector mcp with a hostile Gong', () => {
  it('answers a 5,000-deep Gong answer with a clear error, not a stack overflow', async () => {
    const deep = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(`{"requestId":"r","x":${'['.repeat(5000)}1${']'.repeat(5000)}}`);
    });
    await new Promise<void>((resolve) => deep.listen(0, '127.0.0.1', resolve));
    try {
      const client = await connect(['--toolsets', 'all'], { ...env, GONG_API_BASE_URL: `http://127.0.0.1:${(deep.address() as AddressInfo).port}` });
      const result = await client.callTool({ name: 'gong_api_request', arguments: { method: 'GET', path: '/v2/users' } });
      expect(result.isError).toBe(true);
      const json = JSON.parse((result.content as Content)[0]!.text) as Record<string, unknown>;
      expect(json.message).toMatch(/nests deeper than 256 levels/);
      expect(json.error).not.toBe('internal');
    } finally {
      deep.close();
    }
  });
});

describe('gong-connector mcp stopping', () => {
  it('says on stderr why it stops when a message is too large, and exits 1', async () => {
    const child = spawn(process.execPath, [BIN, 'mcp'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    const code = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.stdin.on('error', () => {}); // the server may stop reading before the write ends
    child.stdin.write(Buffer.alloc(11 * 1024 * 1024, 0x20));
    const exit = await Promise.race([code, new Promise<'running'>((r) => setTimeout(() => r('running'), 10_000))]);
    if (exit === 'running') child.kill();
    expect(stderr).toMatch(/stopping: .*exceeded maximum size/);
    expect(exit).toBe(1);
  }, 20_000);
});
