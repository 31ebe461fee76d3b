// The one JSON form of a failure, shared by both faces: the CLI's stderr line (src/cli/io.ts) and
// the MCP server's isError result (src/mcp/server.ts), with the CLI's exit code for it.
import { GongError } from './errors.js';
import { redactText } from './redact.js';

export function errorReport(error: unknown): { json: Record<string, unknown>; code: number } {
  if (error instanceof GongError) return { json: { ...error.toJSON() }, code: error.exitCode };
  return { json: { error: 'internal', message: redactText(error instanceof Error ? error.message : String(error)) }, code: 1 };
}
