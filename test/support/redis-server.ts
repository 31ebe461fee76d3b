// A real redis-server for the Redis tests: started on a free loopback port with nothing persisted,
// answered PING before it is handed out, stopped by the test. Without the binary the Redis tests
// are skipped with `redisServerMissing()`'s reason — except in CI (`CI` set), where they run and
// fail, so a CI machine without Redis cannot pass them silently (.ci/run installs it).
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { connect, createServer } from 'node:net';
import { delimiter, join } from 'node:path';

export interface RedisServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

function binary(): string | undefined {
  for (const dir of [...(process.env.PATH ?? '').split(delimiter), '/usr/bin', '/usr/local/bin']) {
    if (!dir) continue;
    const candidate = join(dir, 'redis-server');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** Why the Redis tests are skipped on this machine, or undefined when they run (always in CI). */
export function redisServerMissing(): string | undefined {
  if (binary() !== undefined || process.env.CI) return undefined;
  return 'redis-server is not installed (Debian: apt-get install redis-server); CI installs it and runs these tests';
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** Whether a Redis on `port` answers PING (with `password` when it requires one). */
function answersPing(port: number, password: string | undefined): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let reply = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write(password ? `AUTH ${password}\r\nPING\r\n` : 'PING\r\n'));
    socket.on('data', (d: Buffer) => {
      reply += d.toString();
      if (reply.includes('+PONG')) done(true);
      else if (reply.includes('-')) done(false);
    });
  });
}

const exited = (child: ChildProcess) => new Promise<void>((resolve) => {
  if (child.exitCode !== null || child.signalCode !== null) resolve();
  else child.once('exit', () => resolve());
});

/** Start redis-server on a free loopback port (or `port`, to restart one); `password` sets `requirepass`. */
export async function startRedisServer(options: { password?: string; port?: number } = {}): Promise<RedisServer> {
  const bin = binary();
  if (bin === undefined) throw new Error(redisServerMissing() ?? 'redis-server is not installed (Debian: apt-get install redis-server)');
  for (let attempt = 0; ; attempt += 1) {
    const port = options.port ?? (await freePort());
    const args = ['--save', '', '--appendonly', 'no', '--port', String(port), '--bind', '127.0.0.1', '--daemonize', 'no'];
    if (options.password) args.push('--requirepass', options.password);
    const child = spawn(bin, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => { stderr += d.toString(); });
    const deadline = Date.now() + 10_000;
    while (child.exitCode === null && Date.now() < deadline && !(await answersPing(port, options.password))) {
      await new Promise((r) => setTimeout(r, 20));
    }
    if (child.exitCode === null && Date.now() < deadline) {
      const auth = options.password ? `:${encodeURIComponent(options.password)}@` : '';
      return {
        url: `redis://${auth}127.0.0.1:${port}`,
        port,
        async stop() {
          const gone = exited(child);
          child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), 2_000);
          await gone;
          clearTimeout(timer);
        },
      };
    }
    child.kill('SIGKILL');
    await exited(child);
    // Another process took the port between the probe and the start: try another one.
    if (attempt >= 2) throw new Error(`redis-server did not start on 127.0.0.1:${port}: ${stderr.trim()}`);
  }
}
