import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startReplyServer, type ReplyServer } from '../../support/server.js';
import { ownStateDir, runCli } from '../../support/cli.js';
import { CANARY } from '../../support/canary.js';
import { catalog } from '../../../src/catalog/catalog.generated.js';
import { toolsCommand } from '../../../src/cli/commands/tools.js';
import type { CliIO } from '../../../src/cli/io.js';

const SECRET = CANARY;
const MANAGE_AUTH = 'manage_auth(action="connect", integration_id="gong", auth_env="GONG_ACCESS_TOKEN")';
let server: ReplyServer;
let env: Record<string, string>;

beforeAll(async () => {
  server = await startReplyServer(() => ({ body: { requestId: 'r1' } }));
  env = { GONG_API_BASE_URL: server.url, GONG_ACCESS_KEY: 'cli-key', GONG_ACCESS_KEY_SECRET: SECRET, GONG_RATE_LIMIT_PER_SECOND: '1000' };
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  server.setHandler(() => ({ body: { requestId: 'r1', records: { totalRecords: 1 }, calls: [{ id: '7782342274025937895' }] } }));
});

const expectNoSecret = (run: { stdout: string; stderr: string }) => {
  expect(run.stdout).not.toContain(SECRET);
  expect(run.stderr).not.toContain(SECRET);
  expect(run.stdout + run.stderr).not.toContain(Buffer.from(`cli-key:${SECRET}`).toString('base64'));
};

describe('gong-connector tools', () => {
  it('prints every tool in MCP shape by default', async () => {
    const run = await runCli(['tools']);
    expect(run.code).toBe(0);
    const tools = JSON.parse(run.stdout) as Array<Record<string, unknown>>;
    expect(tools.map((t) => t.name)).toEqual(catalog.tools.map((t) => t.name));
    expect(Object.keys(tools[0]!).sort()).toEqual(['annotations', 'description', 'inputSchema', 'name', 'title']);
    expect(run.stderr).toBe('');
  });

  it('prints OpenAI, OpenAI responses and Anthropic shapes', async () => {
    const openai = JSON.parse((await runCli(['tools', '--format', 'openai'])).stdout) as Array<Record<string, any>>;
    expect(openai[0]).toMatchObject({ type: 'function', function: { name: expect.any(String), parameters: { type: 'object' } } });
    const responses = JSON.parse((await runCli(['tools', '--format', 'openai-responses'])).stdout) as Array<Record<string, any>>;
    expect(responses[0]).toMatchObject({ type: 'function', name: expect.any(String), parameters: { type: 'object' } });
    const anthropic = JSON.parse((await runCli(['tools', '--format', 'anthropic'])).stdout) as Array<Record<string, any>>;
    expect(Object.keys(anthropic[0]!).sort()).toEqual(['description', 'input_schema', 'name']);
  });

  it('prints one tool\'s definition by name, in any format', async () => {
    const one = await runCli(['tools', 'gong_calls_list']);
    expect(one.code).toBe(0);
    expect(JSON.parse(one.stdout)).toMatchObject({ name: 'gong_calls_list', inputSchema: { type: 'object' } });
    const anthropic = JSON.parse((await runCli(['tools', 'gong_user_get', '--format', 'anthropic'])).stdout) as Record<string, unknown>;
    expect(Object.keys(anthropic).sort()).toEqual(['description', 'input_schema', 'name']);
    const unknown = await runCli(['tools', 'gong_call_transcript']);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('gong_calls_transcript');
  });

  it('prints a short table on a terminal and the JSON array when piped or asked for', async () => {
    const out: string[] = [];
    const io = { stdout: { write: (s: string) => { out.push(s); return true; } }, stderr: process.stderr, stdin: process.stdin, env: {}, stdoutIsTTY: true, stderrIsTTY: true } as unknown as CliIO;
    expect(await toolsCommand([], io)).toBe(0);
    const table = out.join('');
    expect(table.split('\n')[0]).toMatch(/^tool\s+toolset\s+what it does$/);
    for (const tool of catalog.tools) expect(table).toMatch(new RegExp(`^${tool.name}\\s+${tool.toolset}\\s+\\S`, 'm'));
    expect(table.length).toBeLessThan(16_000);
    out.length = 0;
    await toolsCommand(['--json'], io);
    expect((JSON.parse(out.join('')) as unknown[]).length).toBe(catalog.tools.length);
  });

  it('rejects an unknown format with exit 2', async () => {
    const run = await runCli(['tools', '--format', 'xml']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(JSON.parse(run.stderr)).toMatchObject({ error: 'usage' });
  });
});

describe('gong-connector call', () => {
  it('runs a tool and prints one JSON document, keeping big ids exact', async () => {
    const run = await runCli(['call', 'gong_calls_list', '{"from_date_time":"2026-01-01T00:00:00Z"}'], { env });
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.calls[0].id).toBe('7782342274025937895');
    expect(result.rate_limit.requests).toBe(1);
    expect(server.requests[0]!.query.get('fromDateTime')).toBe('2026-01-01T00:00:00Z');
    expectNoSecret(run);
  });

  it('reads the input from stdin with -', async () => {
    const run = await runCli(['call', 'gong_call_get', '-'], { env, stdin: '{"id":"42"}' });
    expect(run.code).toBe(0);
    expect(server.requests[0]!.path).toBe('/v2/calls/42');
  });

  it('an int64 id in the JSON input keeps every digit, as an argument and on stdin', async () => {
    const input = '{"integration_id":2271307570613351879,"client_request_id":"r1"}';
    for (const run of [
      await runCli(['call', 'gong_crm_request_status_get', input, '--dry-run'], { env }),
      await runCli(['call', 'gong_crm_request_status_get', '-', '--dry-run'], { env, stdin: input }),
    ]) {
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout).requests[0].url).toContain('integrationId=2271307570613351879&');
    }
  });

  it('empty stdin with -: a usage message that says what to pipe, exit 2, nothing sent', async () => {
    const run = await runCli(['call', 'gong_call_get', '-'], { env, stdin: '  \n' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('stdin was empty');
    expect(run.stderr).not.toContain('Unexpected end of JSON');
    expect(server.requests).toHaveLength(0);
  });

  it('invalid input: exit 2, one JSON line on stderr naming the field, nothing on stdout, nothing sent', async () => {
    const run = await runCli(['call', 'gong_calls_transcript_get', '{"call_ids":["abc"]}'], { env });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ error: 'invalid_input', field: 'call_ids[0]', tool: 'gong_calls_transcript_get' });
    expect(server.requests).toHaveLength(0);
  });

  it('rate_limit travels with every call error: input and missing-credential errors say this call connected to nothing', async () => {
    const unconnected = { requests: 0, waited_ms: 0, connected: false };
    const invalid = await runCli(['call', 'gong_calls_transcript_get', '{"call_ids":["abc"]}'], { env });
    expect(JSON.parse(invalid.stderr)).toMatchObject({ error: 'invalid_input', rate_limit: unconnected });
    const noAuth = await runCli(['call', 'gong_users_list'], { env: {} });
    expect(JSON.parse(noAuth.stderr)).toMatchObject({ error: 'auth_required', rate_limit: unconnected });
    server.setHandler(() => ({ status: 401, body: { requestId: 'req-401', errors: ['Invalid credentials'] } }));
    const refused = await runCli(['call', 'gong_users_list'], { env });
    expect(JSON.parse(refused.stderr).rate_limit).toMatchObject({ requests: 1, daily_limit: 10000 });
  });

  it('--seed without --sandbox is a usage error, and --help says --all --limit N stops after N records', async () => {
    for (const command of ['call', 'mcp']) {
      const run = await runCli(command === 'call' ? ['call', 'gong_users_list', '--seed', '3'] : ['mcp', '--seed', '3'], { env });
      expect(run.code).toBe(2);
      expect(JSON.parse(run.stderr)).toMatchObject({ error: 'usage', message: '--seed only applies with --sandbox (the sandbox\'s data seed).' });
    }
    const help = await runCli(['call', '--help'], { env });
    expect(help.stdout).toMatch(/--limit N +stop after N records/);
  });

  it('401: exit 3 with status, errors, request_id and the manage_auth hint', async () => {
    server.setHandler(() => ({ status: 401, body: { requestId: 'req-401', errors: ['Invalid credentials'] } }));
    const run = await runCli(['call', 'gong_users_list'], { env });
    expect(run.code).toBe(3);
    const err = JSON.parse(run.stderr);
    expect(err).toMatchObject({ error: 'auth_required', status: 401, errors: ['Invalid credentials'], request_id: 'req-401' });
    expect(err.hint).toContain(MANAGE_AUTH);
    expectNoSecret(run);
  });

  it('no credentials: exit 3, auth_required with the manage_auth call', async () => {
    const run = await runCli(['call', 'gong_users_list'], { env: {} });
    expect(run.code).toBe(3);
    const err = JSON.parse(run.stderr);
    expect(err.error).toBe('auth_required');
    expect(err.hint).toContain(MANAGE_AUTH);
  });

  it('404 on an id: exit 4', async () => {
    server.setHandler(() => ({ status: 404, body: { requestId: 'r', errors: ['Call ID 1 was not found'] } }));
    const run = await runCli(['call', 'gong_call_get', '{"id":"1"}'], { env });
    expect(run.code).toBe(4);
    expect(JSON.parse(run.stderr)).toMatchObject({ error: 'not_found', status: 404 });
  });

  it('429 with a Retry-After beyond the longest wait: exit 5 with retry_after', async () => {
    server.setHandler(() => ({ status: 429, headers: { 'retry-after': '1200' }, body: { requestId: 'r', errors: ['Too many requests'] } }));
    // Its own state dir: the company's 20-minute pause must not hold the later tests' calls.
    const run = await runCli(['call', 'gong_users_list'], { env: { ...env, ...ownStateDir() } });
    expect(run.code).toBe(5);
    expect(JSON.parse(run.stderr)).toMatchObject({ error: 'rate_limited', status: 429, retry_after: 1200 });
    expect(server.requests).toHaveLength(1);
  });

  it('--dry-run prints the request without credentials and sends nothing', async () => {
    const run = await runCli(['call', 'gong_calls_transcript_get', '{"call_ids":["1","2"]}', '--dry-run'], { env: { ...env, GONG_ACCESS_KEY: '', GONG_ACCESS_KEY_SECRET: '', GONG_ACCESS_TOKEN: SECRET } });
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.requests[0]).toEqual({ method: 'POST', url: `${server.url}/v2/calls/transcript`, body: { filter: { callIds: ['1', '2'] } } });
    expect(out.transport).toContain('bearer from GONG_ACCESS_TOKEN');
    expect(server.requests).toHaveLength(0);
    expectNoSecret(run);
  });

  it('--dry-run shows body fields named like credentials (token, password, secret, apiKey) and leaves out secrets by value', async () => {
    const body = { token: 'flow-token-1', password: 'shown-as-sent', secret: 'x-secret', apiKey: 'k-123', note: `has ${SECRET} inside` };
    const run = await runCli(['call', 'gong_api_request', JSON.stringify({ method: 'POST', path: '/v2/calls/extensive', body, confirm: true }), '--dry-run'], { env });
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.requests[0].body).toEqual({ token: 'flow-token-1', password: 'shown-as-sent', secret: 'x-secret', apiKey: 'k-123', note: 'has  inside' });
    expect(server.requests).toHaveLength(0);
    expectNoSecret(run);
  });

  it('--all --jsonl streams one record per line', async () => {
    server.setHandler((req) => {
      const page = Number(req.query.get('cursor') ?? 0);
      return { body: { requestId: 'r', records: page < 2 ? { cursor: String(page + 1) } : {}, users: [{ id: `u${page}a` }, { id: `u${page}b` }] } };
    });
    const run = await runCli(['call', 'gong_users_list', '{"response_format":"detailed"}', '--all', '--jsonl'], { env });
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split('\n').map((l) => JSON.parse(l).id)).toEqual(['u0a', 'u0b', 'u1a', 'u1b', 'u2a', 'u2b']);
    // After the records, one JSON line on stderr: the envelope (everything but the records).
    const envelope = JSON.parse(run.stderr) as Record<string, unknown>;
    expect(envelope).toMatchObject({ requestId: 'r', pages: 3, record_count: 6, rate_limit: { requests: 3 } });
    expect(envelope.users).toBeUndefined();
    expect(envelope.next_cursor).toBeUndefined();
  });

  it('--all --jsonl --limit 3 prints 3 records and the envelope with next_cursor, which resumes at record 4', async () => {
    const run = await runCli(['call', 'gong_users_list', '{}', '--all', '--jsonl', '--limit', '3', '--sandbox'], { env: {} });
    expect(run.code, run.stderr).toBe(0);
    const first = run.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { id: string }).id);
    expect(first).toHaveLength(3);
    const envelope = JSON.parse(run.stderr) as { record_count: number; next_cursor: string; rate_limit: object };
    expect(envelope.record_count).toBe(3);
    expect(envelope.next_cursor).toMatch(/^gc1\./);
    expect(envelope.rate_limit).toMatchObject({ requests: 1 });
    const rest = await runCli(['call', 'gong_users_list', JSON.stringify({ cursor: envelope.next_cursor, limit: 2 }), '--sandbox'], { env: {} });
    const all = await runCli(['call', 'gong_users_list', '{"limit":5}', '--sandbox'], { env: {} });
    const ids = (r: typeof run) => (JSON.parse(r.stdout) as { users: Array<{ id: string }> }).users.map((u) => u.id);
    expect([...first, ...ids(rest)]).toEqual(ids(all));
  });

  it('usage errors: unknown command, unknown option, missing tool, bad JSON, --jsonl without a list → exit 2', async () => {
    for (const args of [['frobnicate'], ['call', 'gong_users_list', '--al'], ['call'], ['call', 'gong_users_list', '{bad'], ['call', 'gong_call_get', '{"id":"1"}', '--all', '--jsonl']]) {
      const run = await runCli(args, { env });
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stdout).toBe('');
      expect(JSON.parse(run.stderr).message).toBeTruthy();
    }
  });

  it('--help works for the program and every command', async () => {
    for (const args of [['--help'], ['tools', '--help'], ['call', '--help']]) {
      const run = await runCli(args);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/Usage/);
    }
  });
});
