// The CLI's agent surfaces: tool definitions per runtime, a light `tools` cold start, progress on
// a terminal for --all, and --jsonl streaming that waits for a slow reader.
import { PassThrough, Writable } from 'node:stream';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalog } from '../../../src/catalog/catalog.generated.js';
import { main } from '../../../src/cli/main.js';
import type { CliIO } from '../../../src/cli/io.js';
import { runCli } from '../../support/cli.js';
import { startReplyServer, type ReplyServer } from '../../support/server.js';

let server: ReplyServer;
let env: Record<string, string>;
const PAGES = 4;

beforeAll(async () => {
  // GET /v2/calls in 4 pages of 100 calls.
  server = await startReplyServer((req) => {
    const page = Number(req.query.get('cursor') ?? 0);
    const calls = Array.from({ length: 100 }, (_, i) => ({ id: String(9_000_000_000_000_000_000n + BigInt(page * 100 + i)), title: `call ${page}-${i}` }));
    const records: Record<string, unknown> = { totalRecords: PAGES * 100, currentPageSize: 100, currentPageNumber: page };
    if (page + 1 < PAGES) records.cursor = String(page + 1);
    return { body: { requestId: `r${page}`, records, calls } };
  });
  env = { GONG_API_BASE_URL: server.url, GONG_ACCESS_KEY: 'k', GONG_ACCESS_KEY_SECRET: 'cli-agents-secret', GONG_RATE_LIMIT_PER_SECOND: '1000' };
});
afterAll(() => server.close());

function memoryIO(stdout: NodeJS.WritableStream, stderrIsTTY: boolean): CliIO & { err: () => string } {
  const stderr = new PassThrough();
  let err = '';
  stderr.on('data', (d: Buffer) => { err += d.toString(); });
  return { stdout, stderr, stdin: new PassThrough(), env, stdoutIsTTY: false, stderrIsTTY, err: () => err };
}

function collect(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (d: Buffer) => { text += d.toString(); });
  return { stream, text: () => text };
}

describe('gong-connector tools --format', () => {
  it('prints the OpenAI chat, OpenAI responses and Anthropic shapes, filtered', async () => {
    const args = ['--toolsets', 'calls,dates', '--read-only'];
    const names = catalog.tools.filter((t) => ['calls', 'dates'].includes(t.toolset) && t.annotations.readOnlyHint).map((t) => t.name);
    const chat = JSON.parse((await runCli(['tools', '--format', 'openai-chat', ...args])).stdout) as Array<{ type: string; function: { name: string; parameters: { type: string } } }>;
    expect(chat.map((t) => t.function.name)).toEqual(names);
    expect(chat.every((t) => t.type === 'function' && t.function.parameters.type === 'object')).toBe(true);
    const responses = JSON.parse((await runCli(['tools', '--format', 'openai-responses', ...args])).stdout) as Array<Record<string, unknown>>;
    expect(responses[0]).toEqual(expect.objectContaining({ type: 'function', name: names[0], strict: false }));
    const anthropic = JSON.parse((await runCli(['tools', '--format', 'anthropic', ...args])).stdout) as Array<Record<string, unknown>>;
    expect(Object.keys(anthropic[0]!).sort()).toEqual(['description', 'input_schema', 'name']);
  });

  it('loads no package from node_modules (the MCP SDK loads only under `mcp`)', async () => {
    const trace = resolve(import.meta.dirname, 'support/trace-imports.mjs');
    const tools = await runCli(['tools'], { env: { NODE_OPTIONS: `--import=${trace}` } });
    expect(tools.code).toBe(0);
    expect(tools.stderr).not.toContain('IMPORT ');
    const mcp = await runCli(['mcp', '--toolsets', 'dates'], { env: { ...env, NODE_OPTIONS: `--import=${trace}` } });
    expect(mcp.code).toBe(0);
    expect(mcp.stderr).toContain('@modelcontextprotocol/sdk');
  });
});

describe('gong-connector call --all', () => {
  it('shows a progress line on a terminal and keeps stdout one JSON document', async () => {
    const out = collect();
    const io = memoryIO(out.stream, true);
    expect(await main(['call', 'gong_calls_list', '{}', '--all'], io)).toBe(0);
    const result = JSON.parse(out.text()) as { calls: unknown[]; pages: number };
    expect(result.calls).toHaveLength(PAGES * 100);
    expect(io.err()).toContain('\r100 records, 1 page(s)…');
    expect(io.err()).toMatch(/\r400 records in 4 page\(s\)\n$/);
    const quiet = memoryIO(collect().stream, false);
    expect(await main(['call', 'gong_calls_list', '{}', '--all'], quiet)).toBe(0);
    expect(quiet.err()).toBe('');
  });

  it('--jsonl streams records and asks for the next page only once the reader has caught up', async () => {
    let release: (() => void) | undefined;
    let lines = 0;
    const slow = new Writable({
      highWaterMark: 16,
      write(chunk: Buffer, _enc, done) {
        lines += chunk.toString().split('\n').length - 1;
        release = done; // held until the test lets the reader catch up
      },
    });
    const io = memoryIO(slow, false);
    server.requests.length = 0;
    const run = main(['call', 'gong_calls_list', '{}', '--all', '--jsonl'], io);
    await new Promise((r) => setTimeout(r, 300));
    expect(server.requests).toHaveLength(1);
    for (let i = 0; i < 50 && server.requests.length < PAGES; i++) {
      const r = release;
      release = undefined;
      r?.();
      await new Promise((t) => setTimeout(t, 20));
    }
    while (release) { const r = release; release = undefined; r(); await new Promise((t) => setTimeout(t, 5)); }
    expect(await run).toBe(0);
    expect(server.requests).toHaveLength(PAGES);
    expect(lines).toBe(PAGES * 100);
  });
});
