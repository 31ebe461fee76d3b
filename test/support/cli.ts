// Runs the built CLI as a child process (asynchronously, so loopback servers in this process
// keep answering) and captures its streams and exit code.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { scanForCanary } from './canary.js';

export const BIN = resolve(import.meta.dirname, '../../bin/gong-connector.js');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * A state directory of its own: CLI runs of one company share its pace, count and 429 pause
 * through GONG_STATE_DIR, so a test that provokes a long pause keeps it away from the others.
 */
export function ownStateDir(): { GONG_STATE_DIR: string } {
  return { GONG_STATE_DIR: mkdtempSync(join(tmpdir(), 'gong-state-')) };
}

export function runCli(args: string[], options: { env?: Record<string, string>; stdin?: string; timeoutMs?: number } = {}): Promise<CliRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`CLI timed out: ${args.join(' ')}`)); }, options.timeoutMs ?? 20_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      // The child's streams are output too: the canary scan covers them (test/support/setup.ts).
      scanForCanary(`cli ${args[0] ?? ''} stdout`, stdout);
      scanForCanary(`cli ${args[0] ?? ''} stderr`, stderr);
      resolvePromise({ code: code ?? -1, stdout, stderr });
    });
    child.stdin.end(options.stdin ?? '');
  });
}
