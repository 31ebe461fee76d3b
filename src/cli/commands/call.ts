// gong-connector call <tool> [<json> | -]: run one tool; the result is one JSON document on
// stdout, or JSON Lines of records with --all --jsonl (pulled page by page through
// connector.iterate, constant memory) and the closing envelope as one JSON line on stderr.
import { integerFlag, parseArgs } from '../args.js';
import { UsageError, writeErr, writeJson, writeOut, type CliIO } from '../io.js';
import { parseJson, stringifyJson } from '../../http/json.js';
import type { CallOptions, ConnectorOptions } from '../../connection/options.js';
import type { Connector } from '../../connector.js';

export const CALL_HELP = `Usage: gong-connector call <tool> [<json-input> | -] [options]

Runs one tool. The input is a JSON object given as an argument, or read from stdin with '-'
(default '{}'). The result is one JSON document on stdout.
  --all        follow cursors to the end and return every record
  --jsonl      with --all: stream records as JSON Lines (one record per line), constant memory;
               after them one JSON line on stderr: record_count, next_cursor (when --limit
               stopped early), notes and rate_limit
  --limit N    stop after N records, across pages (the tool's limit input); with --all too,
               and next_cursor then resumes after the last record returned
  --dry-run    print the request(s) it would send, without credentials, and send nothing
  --sandbox    run against an in-process Gong sandbox (no Gong account needed)
  --seed N     with --sandbox: the sandbox's data seed (default 1)
Errors go to stderr (one JSON line unless stderr is a terminal). Exit codes: 2 invalid input,
3 authentication, 4 not found, 5 rate limited, 1 other.
`;

async function readStdin(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}

/** The JSON input, parsed losslessly: an integer beyond 2^53 (an int64 Gong id) keeps every digit as a string. */
function parseInput(text: string, fromStdin: boolean): Record<string, unknown> {
  if (fromStdin && text.trim() === '') {
    throw new UsageError(`'-' reads the JSON input from stdin, but stdin was empty. Pipe a JSON object, e.g. echo '{"call_ids":["123"]}' | gong-connector call <tool> -, or pass it as an argument.`);
  }
  let value: unknown;
  try {
    value = parseJson(text);
  } catch (error) {
    throw new UsageError(`The input is not valid JSON (${(error as Error).message}). Pass a JSON object, e.g. '{"call_ids":["123"]}'.`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new UsageError('The input must be a JSON object.');
  return value as Record<string, unknown>;
}

export async function callCommand(argv: string[], io: CliIO): Promise<number> {
  const { flags, positionals } = parseArgs(argv, {
    all: 'boolean', jsonl: 'boolean', 'dry-run': 'boolean', sandbox: 'boolean', seed: 'string', limit: 'string', help: 'boolean',
  });
  if (flags.help) {
    io.stdout.write(CALL_HELP);
    return 0;
  }
  const [tool, inputArg, ...extra] = positionals;
  if (!tool) throw new UsageError('Name a tool: gong-connector call <tool> [<json-input> | -]. List them with `gong-connector tools`.');
  if (extra.length > 0) throw new UsageError(`Unexpected arguments: ${extra.join(' ')}. Quote the JSON input as one argument.`);
  if (flags.jsonl && !flags.all) throw new UsageError('--jsonl streams records and needs --all.');
  if (flags.seed !== undefined && !flags.sandbox) throw new UsageError("--seed only applies with --sandbox (the sandbox's data seed).");
  const input = inputArg === undefined ? {} : inputArg === '-' ? parseInput(await readStdin(io.stdin), true) : parseInput(inputArg, false);
  if (typeof flags.limit === 'string') {
    const n = Number(flags.limit);
    if (!Number.isInteger(n) || n < 1) throw new UsageError('--limit must be a positive whole number.');
    input.limit = n;
  }

  const { createConnector } = await import('../../connector.js');
  const connectorOptions: ConnectorOptions = { env: io.env };
  let stopSandbox: (() => Promise<void>) | undefined;
  if (flags.sandbox) {
    const { startEmbeddedSandbox } = await import('../sandbox-runtime.js');
    const seed = integerFlag(flags, 'seed');
    const sandbox = await startEmbeddedSandbox(seed);
    Object.assign(connectorOptions, sandbox.connectorOptions);
    stopSandbox = sandbox.close;
  }
  const connector = createConnector(connectorOptions);
  try {
    const dryRun = flags['dry-run'] === true;
    if (flags.jsonl && !dryRun) await streamRecords(connector, tool, input, io);
    else await printResult(connector, tool, input, { dryRun, all: flags.all === true }, io);
    return 0;
  } finally {
    await connector.close();
    await stopSandbox?.();
  }
}

/** One JSON document; on a terminal, a progress line while --all pages. */
async function printResult(connector: Connector, tool: string, input: Record<string, unknown>, options: CallOptions, io: CliIO): Promise<void> {
  let pages = 0;
  // A progress line for people watching a long --all; never on a pipe or a log file.
  if (options.all && io.stderrIsTTY) {
    options.onProgress = (p) => {
      pages = p.pages;
      writeErr(io, `\r${p.records} records, ${p.pages} page(s)…`);
    };
  }
  const result = await connector.executeTool(tool, input, options);
  if (pages > 0) writeErr(io, `\r${String(result.record_count ?? 0)} records in ${pages} page(s)\n`);
  writeJson(io, result);
}

/** Records as JSON Lines on stdout, pulled only as fast as the reader takes them; the envelope on stderr. */
async function streamRecords(connector: Connector, tool: string, input: Record<string, unknown>, io: CliIO): Promise<void> {
  for await (const item of connector.iterate(tool, input, { all: true })) {
    if (item.kind === 'envelope') {
      if (io.stderrIsTTY) writeErr(io, `${String(item.envelope.record_count ?? 0)} records in ${String(item.envelope.pages ?? 0)} page(s)\n`);
      writeErr(io, `${stringifyJson(item.envelope)}\n`);
      continue;
    }
    let text = '';
    for (const r of item.records) text += `${stringifyJson(r)}\n`;
    // Wait for a slow reader (a pipe) instead of queueing pages in memory.
    if (!writeOut(io, text)) await new Promise<void>((resolve) => io.stdout.once('drain', () => resolve()));
    if (io.stderrIsTTY) writeErr(io, `\r${item.page} page(s)…`);
  }
}
