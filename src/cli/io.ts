// The CLI's streams and its one way of reporting errors: data only on stdout; on stderr one JSON
// line (not a TTY) or prose (a TTY); the exit code from the error class (docs/contracts.md#exit-codes).
import { errorReport } from '../http/error-report.js';
import { stringifyJson } from '../http/json.js';
import { redactText } from '../http/redact.js';

export interface CliIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
  env: Record<string, string | undefined>;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
}

export function processIO(): CliIO {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
  };
}

export class UsageError extends Error {
  readonly hint: string;
  /** `command` names the subcommand whose --help describes the right usage (default: the main help). */
  constructor(message: string, command?: string) {
    super(message);
    this.hint = `Run \`gong-connector${command ? ` ${command}` : ''} --help\`.`;
  }
}

/** Everything the CLI prints goes through here: the redaction guard is the last step before a stream. */
/** Returns false when the reader is behind (wait for 'drain' before writing more). */
export function writeOut(io: CliIO, text: string): boolean {
  return io.stdout.write(redactText(text));
}

export function writeErr(io: Pick<CliIO, 'stderr'>, text: string): void {
  io.stderr.write(redactText(text));
}

export function writeJson(io: CliIO, value: unknown): void {
  writeOut(io, `${stringifyJson(value, io.stdoutIsTTY ? 2 : undefined)}\n`);
}

/** Report an error and return the exit code. Unknown errors carry only their message. */
export function reportError(io: Pick<CliIO, 'stderr' | 'stderrIsTTY'>, error: unknown): number {
  const { json, code } = error instanceof UsageError
    ? { json: { error: 'usage', message: error.message, hint: error.hint }, code: 2 }
    : errorReport(error);
  writeFailure(io, json);
  return code;
}

/** A failure's JSON form on stderr: prose on a terminal, one JSON line otherwise (docs/contracts.md#errors-on-stderr). */
export function writeFailure(io: Pick<CliIO, 'stderr' | 'stderrIsTTY'>, failure: object): void {
  if (!io.stderrIsTTY) {
    writeErr(io, `${JSON.stringify(failure)}\n`);
    return;
  }
  const json = failure as Readonly<Record<string, unknown>>;
  const lines = [`error: ${String(json.message)}`];
  if (Array.isArray(json.errors) && json.errors.length) lines.push(`gong: ${json.errors.join('; ')}`);
  if (json.status !== undefined) lines.push(`status: ${String(json.status)}${json.request_id ? `  request id: ${String(json.request_id)}` : ''}`);
  if (json.hint) lines.push(`hint: ${String(json.hint)}`);
  // A failed write's outcome (docs/reliability.md#write-outcomes): the hint refers to these fields.
  if (json.outcome) lines.push(`outcome: ${String(json.outcome)}`);
  if (json.check) lines.push(`check: ${JSON.stringify(json.check)}`);
  if (json.batches) lines.push(`batches: ${JSON.stringify(json.batches)}`);
  if (Array.isArray(json.alternatives)) for (const other of json.alternatives) lines.push(`or: ${String(other)}`);
  writeErr(io, `${lines.join('\n')}\n`);
}
