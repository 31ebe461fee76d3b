// gong-connector tools [name]: the catalogue's tool definitions. Piped, the whole list is one JSON
// array (a contract scripts rely on); on a terminal it is a short table an agent or person can
// scan. With a tool name, that one tool's definition, so nobody has to print all of them to read one.
import { catalog, findTool } from '../../catalog/index.js';
import { TOOL_FORMATS, toolDefinition, toolDefinitions, type ToolFormat } from '../../catalog/formats.js';
import type { ToolEntry } from '../../catalog/types.js';
import { parseArgs } from '../args.js';
import { UsageError, writeJson, writeOut, type CliIO } from '../io.js';
import { filterTools } from '../../catalog/filter.js';

export const TOOLS_HELP = `Usage: gong-connector tools [TOOL] [--format FORMAT] [--toolsets a,b] [--read-only] [--json]

Without TOOL: every tool definition as one JSON array (on a terminal: a table of name, toolset
and what the tool does; --json prints the array there too). With TOOL: that tool's definition.
  --format     mcp (default: name, title, description, inputSchema, annotations),
               openai or openai-chat (Chat Completions), openai-responses (Responses API),
               anthropic (Messages API), scalekit
  --toolsets   only these toolsets (${[...new Set(catalog.tools.map((t) => t.toolset))].join(', ')})
  --read-only  only tools that do not change Gong data
  --json       the JSON array even on a terminal
`;

/** The first sentence of a description, cut to fit a terminal line. */
function oneLine(description: string, width: number): string {
  const first = /^(.+?(?<!\be\.g|\bi\.e)[.!?])(\s|$)/.exec(description)?.[1] ?? description;
  return first.length <= width ? first : `${first.slice(0, width - 1).trimEnd()}…`;
}

export function toolTable(tools: readonly ToolEntry[]): string {
  const nameWidth = Math.max(4, ...tools.map((t) => t.name.length));
  const setWidth = Math.max(7, ...tools.map((t) => t.toolset.length));
  const pad = (s: string, n: number) => s.padEnd(n);
  const lines = [
    `${pad('tool', nameWidth)}  ${pad('toolset', setWidth)}  what it does`,
    ...tools.map((t) => `${pad(t.name, nameWidth)}  ${pad(t.toolset, setWidth)}  ${oneLine(t.description, 80)}`),
    '',
    `${tools.length} tools. One tool's definition: gong-connector tools <name>. All as JSON: --json or pipe the output.`,
  ];
  return `${lines.join('\n')}\n`;
}

export async function toolsCommand(argv: string[], io: CliIO): Promise<number> {
  const { flags, positionals } = parseArgs(argv, { format: 'string', toolsets: 'string', 'read-only': 'boolean', json: 'boolean', help: 'boolean' });
  if (flags.help) {
    io.stdout.write(TOOLS_HELP);
    return 0;
  }
  if (positionals.length > 1) throw new UsageError(`Unexpected argument '${positionals[1]}'. Run \`gong-connector tools --help\`.`);
  const format = (flags.format ?? 'mcp') as ToolFormat;
  if (!TOOL_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${TOOL_FORMATS.join(', ')}.`);
  if (positionals.length === 1) {
    writeJson(io, toolDefinition(findTool(positionals[0]!), format));
    return 0;
  }
  const tools = filterTools(catalog.tools, {
    toolsets: typeof flags.toolsets === 'string' ? flags.toolsets : undefined,
    readOnly: flags['read-only'] === true,
  });
  if (io.stdoutIsTTY && flags.json !== true && flags.format === undefined) writeOut(io, toolTable(tools));
  else writeJson(io, toolDefinitions(tools, format));
  return 0;
}
