// `gong-connector sandbox`: start the sandbox, print where it is and how to use it, serve until
// SIGINT/SIGTERM or the abort signal. Exit codes: 0 after a clean stop or --help, 2 for bad usage.
import { startSandbox } from './server.js';

const USAGE = `Usage: gong-connector sandbox [--port N] [--seed N] [--no-rate-limit] [--help]

Runs a local Gong API simulator on 127.0.0.1 with deterministic demo data
(40 users, 2,000 calls over the last 12 months, transcripts, Engage flows, CRM).

Options:
  --port N          listen on port N (default: a free port)
  --seed N          data seed (default 1); the same seed serves the same data
  --no-rate-limit   turn off Gong's 3 requests/second and 10,000/day limits
  --help            show this help
`;

interface Args {
  port?: number;
  seed?: number;
  rateLimit: boolean;
  help: boolean;
}

function parseArgs(argv: string[]): Args | string {
  const args: Args = { rateLimit: true, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [name, inline] = arg.includes('=') ? (arg.split('=', 2) as [string, string]) : [arg, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    switch (name) {
      case '--help':
      case '-h':
        args.help = true;
        break;
      case '--no-rate-limit':
        args.rateLimit = false;
        break;
      case '--port': {
        const v = value();
        const n = Number(v);
        if (v === undefined || !Number.isInteger(n) || n < 0 || n > 65_535) return `--port needs a port number (0-65535), got ${v ?? 'nothing'}`;
        args.port = n;
        break;
      }
      case '--seed': {
        const v = value();
        const n = Number(v);
        if (v === undefined || !Number.isSafeInteger(n)) return `--seed needs an integer, got ${v ?? 'nothing'}`;
        args.seed = n;
        break;
      }
      default:
        return `unknown option ${arg}`;
    }
  }
  return args;
}

export async function sandboxCommand(
  argv: string[],
  io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream },
  signal?: AbortSignal,
): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    io.stderr.write(`gong-connector sandbox: ${args}\n\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  if (signal?.aborted) return 0;
  let sandbox;
  try {
    sandbox = await startSandbox({
      ...(args.port !== undefined ? { port: args.port } : {}),
      ...(args.seed !== undefined ? { seed: args.seed } : {}),
      ...(args.rateLimit ? {} : { rateLimit: false as const }),
    });
  } catch (e) {
    io.stderr.write(`gong-connector sandbox: cannot start: ${(e as Error).message}\n`);
    return 1;
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
