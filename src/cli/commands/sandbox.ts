// `gong-connector sandbox`: start the sandbox, print where it is and how to use it, serve until
// SIGINT/SIGTERM or the abort signal. Exit codes: 0 after a clean stop or --help, 2 for bad usage.
// Arguments and errors go through the CLI's one parser and reporter (src/cli/args.ts, io.ts).
import { forCommand, integerFlag, parseArgs } from '../args.js';
import { reportError, UsageError, type CliIO } from '../io.js';
import { startSandbox } from '../../sandbox/index.js';
import { ConfigurationError } from '../../http/errors.js';

const USAGE = `Usage: gong-connector sandbox [--port N] [--seed N] [--calls N] [--no-rate-limit] [--help]

Runs a local Gong API simulator on 127.0.0.1 with deterministic demo data
(40 users, 2,000 calls over the last 12 months, transcripts, Engage flows, CRM).

Options:
  --port N          listen on port N (default: a free port)
  --seed N          data seed (default 1); the same seed serves the same data
  --calls N         calls in the 12 months (default 2,000; up to 100,000)
  --no-rate-limit   turn off Gong's 3 requests/second and 10,000/day limits
  --help            show this help
`;

interface Args {
  port?: number;
  seed?: number;
  callCount?: number;
  rateLimit: boolean;
}

/** The options, or undefined for --help. */
function sandboxArgs(argv: readonly string[]): Args | undefined {
  return forCommand('sandbox', () => {
    const { flags, positionals } = parseArgs(argv, { port: 'string', seed: 'string', calls: 'string', 'no-rate-limit': 'boolean', help: 'boolean' });
    if (flags.help) return undefined;
    if (positionals.length > 0) throw new UsageError(`Unexpected argument '${positionals[0]}'.`);
    const args: Args = { rateLimit: !flags['no-rate-limit'] };
    const port = integerFlag(flags, 'port', 0, 65_535);
    const seed = integerFlag(flags, 'seed');
    if (port !== undefined) args.port = port;
    if (seed !== undefined) args.seed = seed;
    const calls = integerFlag(flags, 'calls', 1, 100_000);
    if (calls !== undefined) args.callCount = calls;
    return args;
  });
}

export async function sandboxCommand(
  argv: string[],
  io: Pick<CliIO, 'stdout' | 'stderr' | 'stderrIsTTY'>,
  signal?: AbortSignal,
): Promise<number> {
  let args: Args | undefined;
  try {
    args = sandboxArgs(argv);
  } catch (error) {
    return reportError(io, error);
  }
  if (args === undefined) {
    io.stdout.write(USAGE);
    return 0;
  }
  if (signal?.aborted) return 0;
  let sandbox;
  try {
    sandbox = await startSandbox({
      ...(args.port !== undefined ? { port: args.port } : {}),
      ...(args.seed !== undefined ? { seed: args.seed } : {}),
      ...(args.callCount !== undefined ? { callCount: args.callCount } : {}),
      ...(args.rateLimit ? {} : { rateLimit: false as const }),
    });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE' && args.port !== undefined) {
      return reportError(io, new ConfigurationError({
        message: `Port ${args.port} on 127.0.0.1 is already in use, so the sandbox cannot listen there.`,
        field: 'port',
        hint: 'Stop what holds it, pick another --port, or leave --port out for a free one.',
      }));
    }
    return reportError(io, new Error(`The sandbox cannot start: ${(e as Error).message}`));
  }
  const { baseUrl, credentials, oauthClient, data } = sandbox;
  io.stdout.write(
    `Gong sandbox listening on ${baseUrl}\n` +
      `Data: seed ${data.seed}, ${data.users.length} users, ${data.calls.length} calls up to ${data.anchor.slice(0, 10)}; ` +
      `rate limit ${args.rateLimit ? '3/s and 10,000/day' : 'off'}\n\n` +
      `Demo credentials (all scopes):\n` +
      `  access key           ${credentials.accessKey}\n` +
      `  access key secret    ${credentials.accessKeySecret}\n` +
      `  bearer token         ${credentials.bearerToken}\n` +
      `  OAuth client id      ${oauthClient.clientId}\n` +
      `  OAuth client secret  ${oauthClient.clientSecret}\n` +
      `  OAuth endpoints      ${baseUrl}/oauth2/authorize  ${baseUrl}/oauth2/generate-customer-token\n\n` +
      `Use it with:\n` +
      `  export GONG_API_BASE_URL=${baseUrl}\n` +
      `  export GONG_ACCESS_KEY=${credentials.accessKey}\n` +
      `  export GONG_ACCESS_KEY_SECRET=${credentials.accessKeySecret}\n\n` +
      `Press Ctrl+C to stop.\n`,
  );
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      signal?.removeEventListener('abort', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    signal?.addEventListener('abort', stop);
  });
  await sandbox.close();
  io.stdout.write('Gong sandbox stopped.\n');
  return 0;
}
