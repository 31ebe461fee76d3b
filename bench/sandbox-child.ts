// The Gong sandbox in its own process, so its work (generating and serialising transcripts) never
// shares an event loop with what is measured. Commands on stdin, one JSON line back per command.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { SandboxOptions, SandboxStats } from '../src/sandbox/index.js';

const SANDBOX = resolve(import.meta.dirname, '../dist/sandbox/index.js');

const CHILD = `
import { createInterface } from 'node:readline';
const { startSandbox } = await import(process.argv[1]);
const sb = await startSandbox(JSON.parse(process.argv[2]));
const calls = sb.data.calls.map((c) => ({ id: String(c.metaData.id), at: c.filterMs })).sort((a, b) => a.at - b.at);
const out = (v) => process.stdout.write(JSON.stringify(v) + '\\n');
out({ baseUrl: sb.baseUrl, credentials: sb.credentials, calls });
for await (const line of createInterface({ input: process.stdin })) {
  if (line === 'stats') out(sb.stats());
  else if (line === 'clear') { sb.clearLog(); out({ ok: true }); }
  else if (line === 'log') out(sb.log.map((e) => ({ method: e.method, path: e.path, status: e.status, at: e.at })));
  else if (line === 'close') { await sb.close(); out({ ok: true }); process.exit(0); }
}
process.exit(0);
`;

export interface SandboxProcess {
  baseUrl: string;
  credentials: { accessKey: string; accessKeySecret: string; bearerToken: string };
  /** Every call, oldest first: id and the instant date filters use (ms). */
  calls: Array<{ id: string; at: number }>;
  stats(): Promise<SandboxStats>;
  clearLog(): Promise<void>;
  log(): Promise<Array<{ method: string; path: string; status: number; at: number }>>;
  close(): Promise<void>;
}

export async function startSandboxProcess(options: SandboxOptions): Promise<SandboxProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--input-type=module', '-e', CHILD, SANDBOX, JSON.stringify(options)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const next = async (command?: string): Promise<any> => {
    if (command) child.stdin!.write(`${command}\n`);
    const { value, done } = await lines.next();
    if (done) throw new Error('the sandbox process ended');
    return JSON.parse(value as string);
  };
  const hello = await next();
  return {
    baseUrl: hello.baseUrl,
    credentials: hello.credentials,
    calls: hello.calls,
    stats: () => next('stats'),
    clearLog: async () => { await next('clear'); },
    log: () => next('log'),
    close: async () => {
      if (child.exitCode !== null) return;
      child.stdin!.write('close\n');
      child.stdin!.end();
      await once(child, 'exit');
    },
  };
}
