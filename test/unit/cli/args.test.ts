// The CLI's one argv parser (src/cli/args.ts), shared by call, tools, mcp, auth and sandbox.
import { describe, expect, it } from 'vitest';
import { integerFlag, parseArgs } from '../../../src/cli/args.js';
import { UsageError } from '../../../src/cli/io.js';

const spec = { all: 'boolean', seed: 'string', 'no-rate-limit': 'boolean', help: 'boolean' } as const;

describe('parseArgs', () => {
  it('reads boolean flags, values in both forms, -h, positionals and everything after --', () => {
    expect(parseArgs(['tool', '--all', '--seed', '3', '-h', '--', '--seed=4'], spec)).toEqual({
      flags: { all: true, seed: '3', help: true },
      positionals: ['tool', '--seed=4'],
    });
    expect(parseArgs(['--seed=a=b', '--no-rate-limit'], spec).flags).toEqual({ seed: 'a=b', 'no-rate-limit': true });
  });

  it.each([
    [['--bogus'], 'Unknown option --bogus.'],
    [['--sed', '1'], 'Unknown option --sed. Did you mean --seed?'],
    [['--seed'], '--seed needs a value.'],
    [['--seed='], '--seed needs a value.'],
    [['--all=false'], '--all takes no value.'],
  ])('%j is a usage error', (argv, message) => {
    expect(() => parseArgs(argv, spec)).toThrow(new UsageError(message));
  });
});

describe('integerFlag', () => {
  it('returns the number within range, undefined when absent', () => {
    expect(integerFlag({ port: '0' }, 'port', 0, 65_535)).toBe(0);
    expect(integerFlag({}, 'port', 0, 65_535)).toBeUndefined();
    expect(integerFlag({ seed: '-7' }, 'seed')).toBe(-7);
    expect(() => integerFlag({ seed: '2.5' }, 'seed')).toThrow("--seed must be a whole number (got '2.5').");
  });

  it.each(['abc', '1.5', '70000', '-1', ' '])('refuses %j', (raw) => {
    expect(() => integerFlag({ port: raw }, 'port', 0, 65_535)).toThrow(`--port must be a whole number from 0 to 65535 (got '${raw}').`);
  });
});

describe('commands use it', () => {
  it('mcp refuses a --seed that is not a whole number before starting anything', async () => {
    const { mcpCommand } = await import('../../../src/cli/commands/mcp.js');
    const { PassThrough } = await import('node:stream');
    const io = { stdout: new PassThrough(), stderr: new PassThrough(), stdin: new PassThrough(), env: {}, stdoutIsTTY: false, stderrIsTTY: false };
    await expect(mcpCommand(['--sandbox', '--seed', 'abc'], io)).rejects.toThrow("--seed must be a whole number (got 'abc').");
  });
});
