// `gong-connector auth status|connect|login|logout`. Results are JSON on stdout; errors are
// reported like every other command (src/cli/io.ts: one JSON line on stderr, prose on a TTY).
// Exit codes: 0 connected/done, 2 usage or configuration, 3 authentication (not connected,
// login failed), 1 anything else.
import { envValue } from '../../config/env.js';
import { authConnect, authStatus, isConnected, type AuthResult } from '../../connection/auth-status.js';
import { login } from '../../auth/oauth.js';
import { tokenStoreFor } from '../../auth/token-stores.js';
import { forCommand, integerFlag, parseArgs, type FlagSpec } from '../args.js';
import { reportError, UsageError, writeErr, writeFailure, writeJson, type CliIO } from '../io.js';

/** The CLI's streams, plus an override for whether prompting and opening a browser are allowed. */
export type AuthIo = CliIO & {
  /** An interactive terminal: allows the secret prompt and opening a browser. Default: stderrIsTTY. */
  isTTY?: boolean;
};

const interactive = (io: AuthIo) => io.isTTY ?? io.stderrIsTTY;

const USAGE: Record<string, string> = {
  auth: `Usage: gong-connector auth <command>

Commands:
  status    Show which Gong connection is used and whether it works
  connect   Connect Gong: prints the Scalekit authorization link or the manage_auth call
  login     Log in with your own Gong OAuth app (standalone use)
  logout    Remove the login stored by login

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
With GONG_TOKEN_STORE=redis the tokens go to the Redis at GONG_REDIS_URL instead, where
every machine using that Redis shares the login (docs/tokens-across-machines.md).
`,
  logout: `Usage: gong-connector auth logout

Deletes the login written by \`auth login\`: the token file (GONG_TOKEN_FILE or the default
path), or with GONG_TOKEN_STORE=redis the login in the Redis at GONG_REDIS_URL.
`,
};

const usage = (message: string) => new UsageError(message, 'auth');

function parse(args: readonly string[], spec: FlagSpec): Record<string, string | boolean> {
  // Refused by name, before parsing: a secret on the command line lands in shell history.
  if (args.some((a) => a === '--client-secret' || a.startsWith('--client-secret='))) {
    throw usage('--client-secret is not accepted: a secret on the command line lands in shell history and process lists. Set GONG_CLIENT_SECRET, or run on a terminal to be prompted.');
  }
  return forCommand('auth', () => parseArgs(args, { ...spec, help: 'boolean' }).flags);
}

function report(io: AuthIo, result: AuthResult): number {
  if ('error' in result) {
    writeFailure(io, result);
    return 3;
  }
  writeJson(io, result);
  return isConnected(result) ? 0 : 3;
}

function parseScopes(raw: string | boolean | undefined): string[] | undefined {
  if (typeof raw !== 'string') return undefined;
  const scopes = raw.split(/[\s,]+/).filter(Boolean);
  if (scopes.length === 0) throw usage('--scopes is empty.');
  return scopes;
}

async function clientSecret(io: AuthIo): Promise<string> {
  const fromEnv = envValue(io.env.GONG_CLIENT_SECRET);
  if (fromEnv) return fromEnv;
  if (!interactive(io)) throw usage('Set GONG_CLIENT_SECRET to your Gong OAuth app\'s client secret (no terminal to prompt on).');
  const { promptHidden } = await import('../prompt.js');
  const typed = (await promptHidden('Gong OAuth client secret: ', io.stdin, io.stderr)).trim();
  if (!typed) throw usage('No client secret entered.');
  return typed;
}

async function runLogin(args: readonly string[], io: AuthIo): Promise<number> {
  const flags = parse(args, { 'client-id': 'string', scopes: 'string', 'no-open': 'boolean', port: 'string' });
  if (flags.help) {
    io.stdout.write(USAGE.login!);
    return 0;
  }
  const clientId = flags['client-id'];
  if (typeof clientId !== 'string') throw usage('auth login needs --client-id <id> (your Gong OAuth app\'s client id).');
  const scopes = parseScopes(flags.scopes);
  const port = forCommand('auth', () => integerFlag(flags, 'port', 1, 65_535));
  const secret = await clientSecret(io);
  const open = interactive(io) && !flags['no-open'];
  const result = await login({
    clientId,
    clientSecret: secret,
    scopes,
    port,
    env: io.env,
    onAuthorizeUrl: async (url) => {
      writeErr(io, `Open this URL to connect Gong (a Gong technical administrator must approve):\n${url}\n`);
      if (open) (await import('../open-browser.js')).openBrowser(url);
    },
  });
  writeJson(io, result);
  return 0;
}

async function runLogout(args: readonly string[], io: AuthIo): Promise<number> {
  const flags = parse(args, {});
  if (flags.help) {
    io.stdout.write(USAGE.logout!);
    return 0;
  }
  const store = await tokenStoreFor({}, io.env);
  const removed = await store.remove();
  writeJson(io, { logged_out: true, [store.kind === 'file' ? 'token_file' : 'token_store']: store.location, removed });
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
        const flags = parse(rest, {});
        if (flags.help) {
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
        throw usage(`Unknown auth command '${sub}'. Use status, connect, login or logout.`);
    }
  } catch (error) {
    return reportError(io, error);
  }
}
