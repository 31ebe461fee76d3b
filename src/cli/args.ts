// The CLI's one argv parser: flags with values, boolean flags, positionals; unknown flags are
// errors. Every command (call, tools, mcp, auth, sandbox) parses through it, so `--x=v`, `-h`,
// `--` and the usage errors behave the same everywhere.
import { UsageError } from './io.js';
import { closestNames } from '../util/suggest.js';

export interface FlagSpec {
  [name: string]: 'boolean' | 'string';
}

export interface Parsed {
  flags: Record<string, string | boolean>;
  positionals: string[];
}

export function parseArgs(argv: readonly string[], spec: FlagSpec): Parsed {
  const flags: Record<string, string | boolean> = {};
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const [rawName, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
      const kind = spec[rawName];
      if (!kind) {
        const near = closestNames(rawName, Object.keys(spec));
        throw new UsageError(`Unknown option --${rawName}.${near.length ? ` Did you mean --${near[0]}?` : ''}`);
      }
      if (kind === 'boolean') {
        // `--read-only=false` would otherwise silently mean true.
        if (inline !== undefined) throw new UsageError(`--${rawName} takes no value.`);
        flags[rawName] = true;
      } else {
        const value = inline ?? argv[++i];
        if (value === undefined || value === '') throw new UsageError(`--${rawName} needs a value.`);
        flags[rawName] = value;
      }
    } else if (arg === '-h') {
      flags.help = true;
    } else {
      positionals.push(arg);
    }
  }
  return { flags, positionals };
}

/** A whole-number flag (within [min, max] when given), or undefined when the flag was not given. */
export function integerFlag(flags: Parsed['flags'], name: string, min?: number, max?: number): number | undefined {
  const raw = flags[name];
  if (typeof raw !== 'string') return undefined;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isSafeInteger(n) || n < (min ?? -Infinity) || n > (max ?? Infinity)) {
    const range = min !== undefined && max !== undefined ? ` from ${min} to ${max}` : '';
    throw new UsageError(`--${name} must be a whole number${range} (got '${raw}').`);
  }
  return n;
}

/** Run parsing steps so that their usage errors point at `gong-connector <command> --help`. */
export function forCommand<T>(command: string, step: () => T): T {
  try {
    return step();
  } catch (error) {
    throw error instanceof UsageError ? new UsageError(error.message, command) : error;
  }
}
