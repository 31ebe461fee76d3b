// The Gong sandbox in its own process, so its work (generating and serialising pages, keeping its
// 3/s window) never shares an event loop with what is measured or with the child processes under
// test: an arrival is logged when it arrives, not when a busy test runner gets to it. Commands go on
// stdin, one JSON line comes back per command. Runs the built sandbox (dist/): `npm run build` first.
// Used by the fleet scenarios (test/scenarios/fleet) and the benchmarks (bench/).
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { FaultOptions, SandboxOptions, SandboxStats } from '../../src/sandbox/index.js';

const SANDBOX = resolve(import.meta.dirname, '../../dist/sandbox/index.js');

const CHILD = `
import { createInterface } from 'node:readline';
const { startSandbox } = await import(process.argv[1]);
const sb = await startSandbox(JSON.parse(process.argv[2]));
const calls = sb.data.calls.map((c) => ({ id: String(c.metaData.id), at: c.filterMs })).sort((a, b) => a.at - b.at);
const out = (v) => process.stdout.write(JSON.stringify(v) + '\\n');
out({ baseUrl: sb.baseUrl, credentials: sb.credentials, calls });
for await (const line of createInterface({ input: process.stdin })) {
  const [command, arg] = [line.split(' ', 1)[0], line.slice(line.indexOf(' ') + 1)];
  if (command === 'stats') out(sb.stats());
  else if (command === 'clear') { sb.clearLog(); out({ ok: true }); }
  else if (command === 'faults') { sb.setFaults(arg === 'none' ? undefined : JSON.parse(arg)); out({ ok: true }); }
  else if (command === 'log') out(sb.log.map((e) => ({ method: e.method, path: e.path, query: e.query, status: e.status, fault: e.fault, at: e.at })));
  else if (command === 'close') { await sb.close(); out({ ok: true }); process.exit(0); }
}
process.exit(0);
`;

/** One request as the sandbox saw it; `at` is its arrival (ms since epoch, the sandbox's clock). */
export interface ArrivalEntry {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  status: number;
  fault?: string;
  at: number;
}

export interface SandboxProcess {
  baseUrl: string;
  credentials: { accessKey: string; accessKeySecret: string; bearerToken: string };
  /** Every call, oldest first: id and the instant date filters use (ms). */
  calls: Array<{ id: string; at: number }>;
  stats(): Promise<SandboxStats>;
  clearLog(): Promise<void>;
  /** Replace the fault options (undefined: none). */
  setFaults(faults: FaultOptions | undefined): Promise<void>;
  log(): Promise<ArrivalEntry[]>;
  close(): Promise<void>;
}

export async function startSandboxProcess(options: SandboxOptions): Promise<SandboxProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--input-type=module', '-e', CHILD, SANDBOX, JSON.stringify(options)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  // One command at a time: answers come back in order, so a queue keeps them paired.
  let queue: Promise<unknown> = Promise.resolve();
  const next = <T>(command?: string): Promise<T> => {
    const answer = queue.then(async () => {
      if (command) child.stdin!.write(`${command}\n`);
      const { value, done } = await lines.next();
      if (done) throw new Error('the sandbox process ended');
      return JSON.parse(value as string) as T;
    });
    queue = answer.catch(() => undefined);
    return answer;
  };
  const hello = await next<Pick<SandboxProcess, 'baseUrl' | 'credentials' | 'calls'>>();
  return {
    baseUrl: hello.baseUrl,
    credentials: hello.credentials,
    calls: hello.calls,
    stats: () => next<SandboxStats>('stats'),
    clearLog: async () => { await next('clear'); },
    setFaults: async (faults) => { await next(`faults ${faults === undefined ? 'none' : JSON.stringify(faults)}`); },
    log: () => next<ArrivalEntry[]>('log'),
    close: async () => {
      if (child.exitCode !== null) return;
      child.stdin!.write('close\n');
      child.stdin!.end();
      await once(child, 'exit');
    },
  };
}
