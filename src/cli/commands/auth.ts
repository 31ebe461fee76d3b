// `gong-connector auth status|connect|login|logout`. Results are JSON on stdout; errors are one
// JSON line on stderr (the error's toJSON()). Exit codes: 0 connected/done, 2 usage or
// configuration, 3 authentication (not connected, login failed), 1 anything else.
import { authConnect, authStatus, isConnected, type AuthResult } from '../../auth/connect.js';
import { login } from '../../auth/oauth.js';
import { deleteTokenFile, tokenFilePath } from '../../auth/token-store.js';
import { GongError } from '../../http/errors.js';
import { redactText } from '../../http/redact.js';

/** The CLI's streams; the main CLI's CliIO (stdoutIsTTY/stderrIsTTY) fits as it is. */
export interface AuthIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
  env: Record<string, string | undefined>;
  /** An interactive terminal: allows the secret prompt and opening a browser. Default: stderrIsTTY. */
  isTTY?: boolean;
  stdoutIsTTY?: boolean;
  stderrIsTTY?: boolean;
}

const interactive = (io: AuthIo) => io.isTTY ?? io.stderrIsTTY ?? false;

const USAGE: Record<string, string> = {
  auth: `Usage: gong-connector auth <command>

Commands:
  status    Show which Gong connection is used and whether it works
  connect   Connect Gong: prints the Scalekit authorization link or the manage_auth call
  login     Log in with your own Gong OAuth app (standalone use)
  logout    Remove the token file written by login

Run \`gong-connector auth <command> --help\` for details.
`,
  status: `Usage: gong-connector auth status

Prints JSON: for Scalekit the connected account's status (ACTIVE or not) and, when not
connected, the authorization link; for direct credentials their source, host and scheme.
Exit 0 when connected, 3 when not.
`,
  connect: `Usage: gong-connector auth connect

Prints what connects Gong: the Scalekit authorization link for the user to open, or for
Polly-managed tokens an auth_required result carrying the manage_auth call.
Exit 0 when already connected, 3 when an action is needed.
`,
  login: `Usage: gong-connector auth login --client-id <id> [--scopes <a,b | "a b">] [--no-open] [--port <n>]

Runs Gong's OAuth authorization-code flow with a redirect to http://127.0.0.1:<port>/callback
(register that redirect URI in your Gong app; --port fixes the port, default random) and stores
the tokens in a 0600 token file (GONG_TOKEN_FILE, default
\${XDG_CONFIG_HOME:-~/.config}/gong-connector/token.json).

The client secret is read from GONG_CLIENT_SECRET, or prompted for on a terminal. It is never
a flag (it would land in shell history) and never stored; refreshes read GONG_CLIENT_SECRET.
GONG_OAUTH_BASE_URL overrides https://app.gong.io (tests, the sandbox).
`,
  logout: `Usage: gong-connector auth logout

Deletes the token file written by \`auth login\` (GONG_TOKEN_FILE or the default path).
`,
};

class UsageError extends Error {}

interface Parsed {
  flags: Map<string, string | true>;
  positional: string[];
}

const VALUE_FLAGS = new Set(['client-id', 'scopes', 'port']);
const BOOLEAN_FLAGS = new Set(['no-open', 'help']);

function parse(args: readonly string[], allowed: readonly string[]): Parsed {
  const flags = new Map<string, string | true>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '-h') {
      flags.set('help', true);
      continue;
    }
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    if (name === 'client-secret') {
      throw new UsageError('--client-secret is not accepted: a secret on the command line lands in shell history and process lists. Set GONG_CLIENT_SECRET, or run on a terminal to be prompted.');
    }
    if (!allowed.includes(name)) throw new UsageError(`Unknown option --${name}.`);
    if (BOOLEAN_FLAGS.has(name)) {
      if (eq !== -1) throw new UsageError(`--${name} takes no value.`);
      flags.set(name, true);
    } else if (VALUE_FLAGS.has(name)) {
      const value = eq !== -1 ? arg.slice(eq + 1) : args[++i];
      if (value === undefined || value === '') throw new UsageError(`--${name} needs a value.`);
      flags.set(name, value);
    }
  }
  return { flags, positional };
}

// Everything printed passes the one redaction guard (src/http/redact.ts), like the rest of the CLI.
function writeJson(io: AuthIo, value: unknown): void {
  io.stdout.write(redactText(`${JSON.stringify(value, null, io.stdoutIsTTY ? 2 : undefined)}\n`));
}

function fail(io: AuthIo, error: unknown): number {
  if (error instanceof UsageError) {
    io.stderr.write(redactText(`${JSON.stringify({ error: 'usage', message: error.message, hint: 'Run `gong-connector auth --help`.' })}\n`));
    return 2;
  }
  if (error instanceof GongError) {
    io.stderr.write(redactText(`${JSON.stringify(error.toJSON())}\n`));
    return error.exitCode;
  }
  // Not one of ours (e.g. a file-system error): its message names a path, never a secret we hold.
  const message = error instanceof Error ? error.message : 'unexpected failure';
  io.stderr.write(redactText(`${JSON.stringify({ error: 'internal', message })}\n`));
  return 1;
}

function report(io: AuthIo, result: AuthResult): number {
  if ('error' in result) {
    io.stderr.write(redactText(`${JSON.stringify(result)}\n`));
    return 3;
  }
  writeJson(io, result);
  return isConnected(result) ? 0 : 3;
}

function parseScopes(raw: string | true | undefined): string[] | undefined {
  if (typeof raw !== 'string') return undefined;
  const scopes = raw.split(/[\s,]+/).filter(Boolean);
  if (scopes.length === 0) throw new UsageError('--scopes is empty.');
  return scopes;
}

function parsePort(raw: string | true | undefined): number | undefined {
  if (typeof raw !== 'string') return undefined;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new UsageError(`--port must be 1-65535 (got '${raw}').`);
  return port;
}

async function clientSecret(io: AuthIo): Promise<string> {
  const fromEnv = io.env.GONG_CLIENT_SECRET?.trim();
  if (fromEnv) return fromEnv;
  if (!interactive(io)) throw new UsageError('Set GONG_CLIENT_SECRET to your Gong OAuth app\'s client secret (no terminal to prompt on).');
  const { promptHidden } = await import('../prompt.js');
  const typed = (await promptHidden('Gong OAuth client secret: ', io.stdin, io.stderr)).trim();
  if (!typed) throw new UsageError('No client secret entered.');
  return typed;
}

async function runLogin(args: readonly string[], io: AuthIo): Promise<number> {
  const { flags } = parse(args, ['client-id', 'scopes', 'no-open', 'port', 'help']);
  if (flags.has('help')) {
    io.stdout.write(USAGE.login!);
    return 0;
  }
  const clientId = flags.get('client-id');
  if (typeof clientId !== 'string') throw new UsageError('auth login needs --client-id <id> (your Gong OAuth app\'s client id).');
  const scopes = parseScopes(flags.get('scopes'));
  const port = parsePort(flags.get('port'));
  const secret = await clientSecret(io);
  const open = interactive(io) && !flags.has('no-open');
  const result = await login({
    clientId,
    clientSecret: secret,
    scopes,
    port,
    env: io.env,
    onAuthorizeUrl: async (url) => {
      io.stderr.write(redactText(`Open this URL to connect Gong (a Gong technical administrator must approve):\n${url}\n`));
      if (open) (await import('../open-browser.js')).openBrowser(url);
    },
  });
  writeJson(io, result);
  return 0;
}

async function runLogout(args: readonly string[], io: AuthIo): Promise<number> {
  const { flags } = parse(args, ['help']);
  if (flags.has('help')) {
    io.stdout.write(USAGE.logout!);
    return 0;
  }
  const file = tokenFilePath({}, io.env);
  const removed = await deleteTokenFile(file);
  writeJson(io, { logged_out: true, token_file: file, removed });
  return 0;
}

/** Entry point for `gong-connector auth …` (argv after `auth`). */
export async function authCommand(argv: string[], io: AuthIo): Promise<number> {
  const [sub, ...rest] = argv;
  try {
    if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') {
      io.stdout.write(USAGE.auth!);
      return sub === undefined ? 2 : 0;
    }
    switch (sub) {
      case 'status':
      case 'connect': {
        const { flags } = parse(rest, ['help']);
        if (flags.has('help')) {
          io.stdout.write(USAGE[sub]!);
          return 0;
        }
        const result = sub === 'status' ? await authStatus({ env: io.env }) : await authConnect({ env: io.env });
        return report(io, result);
      }
      case 'login':
        return await runLogin(rest, io);
      case 'logout':
        return await runLogout(rest, io);
      default:
        throw new UsageError(`Unknown auth command '${sub}'. Use status, connect, login or logout.`);
    }
  } catch (error) {
    return fail(io, error);
  }
}
