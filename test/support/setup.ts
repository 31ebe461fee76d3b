// vitest setupFiles entry, run before every test file: installs the canary scan on stdout,
// stderr, console.*, every GongError built (message, String, JSON, inspect) and every debug line,
// and fails the file in a global afterAll if the canary appeared anywhere.
import { subscribe } from 'node:diagnostics_channel';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { format, inspect } from 'node:util';
import { afterAll, expect } from 'vitest';
import { canaryLeaks, guardStream, scanForCanary } from './canary.js';

// Each test file gets its own home: the limiter's shared state (~/.local/state/gong-connector, the
// default store) and token files must not carry over between files, runs or the user's own use.
// os.homedir() follows HOME, and the CLI helpers hand HOME on to child processes.
const home = mkdtempSync(join(tmpdir(), 'gong-test-home-'));
process.env.HOME = home;
delete process.env.XDG_STATE_HOME;
delete process.env.XDG_CONFIG_HOME;
delete process.env.GONG_STATE_DIR;

guardStream(process.stdout, 'process.stdout');
guardStream(process.stderr, 'process.stderr');

for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
  const original = console[method].bind(console);
  console[method] = (...args: unknown[]) => {
    scanForCanary(`console.${method}`, format(...args));
    original(...args);
  };
}

subscribe('gong-connector:error', (message) => {
  const error = message as Error;
  scanForCanary(`${error.name}.message`, error.message);
  scanForCanary(`String(${error.name})`, String(error));
  scanForCanary(`JSON.stringify(${error.name})`, JSON.stringify(error));
  scanForCanary(`inspect(${error.name})`, inspect(error, { depth: 6 }));
});

afterAll(() => {
  rmSync(home, { recursive: true, force: true });
  const leaks = canaryLeaks();
  expect(leaks, `the test canary leaked into output:\n${leaks.map((l) => `  ${l.where}: ${l.excerpt}`).join('\n')}`).toEqual([]);
});
