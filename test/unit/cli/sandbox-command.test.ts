import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { sandboxCommand } from '../../../src/cli/commands/sandbox.js';

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

function io(stderrIsTTY = false) {
  return { stdout: new Capture(), stderr: new Capture(), stderrIsTTY };
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!check()) throw new Error('timed out waiting for the sandbox to start');
}

describe('gong-connector sandbox', () => {
  it('prints usage for --help', async () => {
    const out = io();
    expect(await sandboxCommand(['--help'], out)).toBe(0);
    expect(out.stdout.text).toContain('Usage: gong-connector sandbox [--port N] [--seed N] [--calls N] [--no-rate-limit] [--help]');
    expect(out.stderr.text).toBe('');
  });

  it('rejects unknown options and bad values with exit code 2 and one JSON usage line, like every command', async () => {
    for (const [argv, message] of [
      [['--bogus'], 'Unknown option --bogus.'],
      [['--port', 'abc'], "--port must be a whole number from 0 to 65535 (got 'abc')."],
      [['--seed'], '--seed needs a value.'],
      [['--port', '70000'], "--port must be a whole number from 0 to 65535 (got '70000')."],
      [['8080'], "Unexpected argument '8080'."],
    ] as const) {
      const out = io();
      expect(await sandboxCommand([...argv], out)).toBe(2);
      expect(JSON.parse(out.stderr.text)).toEqual({ error: 'usage', message, hint: 'Run `gong-connector sandbox --help`.' });
      expect(out.stdout.text).toBe('');
    }
  });

  it('says plainly when the port is in use', async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const port = (holder.address() as AddressInfo).port;
    try {
      const out = io();
      expect(await sandboxCommand(['--port', String(port)], out)).toBe(2);
      expect(JSON.parse(out.stderr.text)).toMatchObject({
        error: 'configuration',
        message: `Port ${port} on 127.0.0.1 is already in use, so the sandbox cannot listen there.`,
        hint: 'Stop what holds it, pick another --port, or leave --port out for a free one.',
      });
    } finally {
      holder.close();
    }
  });

  it('reports errors as prose when stderr is a terminal', async () => {
    const out = io(true);
    expect(await sandboxCommand(['--bogus'], out)).toBe(2);
    expect(out.stderr.text).toBe('error: Unknown option --bogus.\nhint: Run `gong-connector sandbox --help`.\n');
  });

  it('serves until aborted, printing the base URL, demo credentials and env lines that work', async () => {
    const out = io();
    const stop = new AbortController();
    const done = sandboxCommand(['--seed', '3', '--no-rate-limit'], out, stop.signal);
    await until(() => out.stdout.text.includes('Press Ctrl+C'));
    const text = out.stdout.text;
    const env = Object.fromEntries([...text.matchAll(/export (GONG_\w+)=(\S+)/g)].map((m) => [m[1], m[2]]));
    expect(Object.keys(env).sort()).toEqual(['GONG_ACCESS_KEY', 'GONG_ACCESS_KEY_SECRET', 'GONG_API_BASE_URL']);
    expect(env.GONG_API_BASE_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    for (const label of ['bearer token', 'OAuth client id', 'OAuth client secret']) expect(text).toContain(label);
    expect(text).toContain('seed 3');

    const auth = `Basic ${Buffer.from(`${env.GONG_ACCESS_KEY}:${env.GONG_ACCESS_KEY_SECRET}`).toString('base64')}`;
    for (let i = 0; i < 5; i++) {
      // No rate limit: five quick calls all succeed.
      const res = await fetch(`${env.GONG_API_BASE_URL}/v2/workspaces`, { headers: { authorization: auth } });
      expect(res.status).toBe(200);
    }
    const bearer = /bearer token\s+(\S+)/.exec(text)?.[1];
    expect((await fetch(`${env.GONG_API_BASE_URL}/v2/users`, { headers: { authorization: `Bearer ${bearer}` } })).status).toBe(200);

    stop.abort();
    expect(await done).toBe(0);
    expect(out.stdout.text).toContain('Gong sandbox stopped.');
    await expect(fetch(`${env.GONG_API_BASE_URL}/v2/workspaces`)).rejects.toThrow();
  });
});
