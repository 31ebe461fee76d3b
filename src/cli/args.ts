// A small argv parser: flags with values, boolean flags, positionals; unknown flags are errors.
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
      if (kind === 'boolean') flags[rawName] = true;
      else {
        const value = inline ?? argv[++i];
        if (value === undefined) throw new UsageError(`--${rawName} needs a value.`);
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
