// gong-connector's entry point: dispatch to one command, each loaded only when used so that
// `gong-connector tools` starts as fast as plain node.
import { processIO, reportError, UsageError, type CliIO } from './io.js';
import { registerEnvSecrets } from '../config/secrets.js';

const COMMANDS: Record<string, () => Promise<(argv: string[], io: CliIO) => Promise<number>>> = {
  tools: async () => (await import('./commands/tools.js')).toolsCommand,
  call: async () => (await import('./commands/call.js')).callCommand,
  auth: async () => (await import('./commands/auth.js')).authCommand,
  sandbox: async () => (await import('./commands/sandbox.js')).sandboxCommand,
  mcp: async () => (await import('./commands/mcp.js')).mcpCommand,
  skill: async () => (await import('./commands/skill.js')).skillCommand,
};

export const MAIN_HELP = `gong-connector — Gong REST API v2 tools for agents, people and scripts

Usage:
  gong-connector tools [--format mcp|openai|openai-chat|openai-responses|anthropic|scalekit]
  gong-connector call <tool> [<json-input> | -] [--all] [--jsonl] [--dry-run] [--sandbox]
  gong-connector auth status|connect|login|logout
  gong-connector sandbox [--port N] [--seed N]
  gong-connector mcp [--toolsets core,users,...|all] [--read-only] [--sandbox]
  gong-connector skill build|validate <dir>
  gong-connector --version

Run \`gong-connector <command> --help\` for a command's options.
Credentials come from the environment: GONG_ACCESS_TOKEN, or GONG_ACCESS_KEY and
GONG_ACCESS_KEY_SECRET (with GONG_API_BASE_URL), or Scalekit (SCALEKIT_*), or \`auth login\`.
Exit codes: 0 ok, 2 invalid input or usage, 3 authentication, 4 not found, 5 rate limited, 1 other.
`;

export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  const [command, ...rest] = argv;
  // Known before anything can be printed: the redaction guard leaves these values out of all output.
  registerEnvSecrets(io.env);
  try {
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      io.stdout.write(MAIN_HELP);
      return command === undefined ? 2 : 0;
    }
    if (command === '--version' || command === '-v') {
      const { PACKAGE_VERSION } = await import('../version.js');
      io.stdout.write(`${PACKAGE_VERSION}\n`);
      return 0;
    }
    const load = COMMANDS[command];
    if (!load) throw new UsageError(`Unknown command '${command}'. Commands: ${Object.keys(COMMANDS).join(', ')}.`);
    return await (await load())(rest, io);
  } catch (error) {
    return reportError(io, error);
  }
}
