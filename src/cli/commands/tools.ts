// gong-connector tools: the catalogue's tool definitions as one JSON array on stdout.
import { catalog } from '../../catalog/catalog.generated.js';
import { TOOL_FORMATS, toolDefinitions, type ToolFormat } from '../../catalog/formats.js';
import { parseArgs } from '../args.js';
import { UsageError, writeJson, type CliIO } from '../io.js';
import { filterTools } from '../../catalog/filter.js';

export const TOOLS_HELP = `Usage: gong-connector tools [--format FORMAT] [--toolsets a,b] [--read-only]

Prints every tool definition as one JSON array.
  --format     mcp (default: name, title, description, inputSchema, annotations),
               openai or openai-chat (Chat Completions), openai-responses (Responses API),
               anthropic (Messages API), scalekit
  --toolsets   only these toolsets (${[...new Set(catalog.tools.map((t) => t.toolset))].join(', ')})
  --read-only  only tools that do not change Gong data
`;

export async function toolsCommand(argv: string[], io: CliIO): Promise<number> {
  const { flags, positionals } = parseArgs(argv, { format: 'string', toolsets: 'string', 'read-only': 'boolean', help: 'boolean' });
  if (flags.help) {
    io.stdout.write(TOOLS_HELP);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`Unexpected argument '${positionals[0]}'. Run \`gong-connector tools --help\`.`);
  const format = (flags.format ?? 'mcp') as ToolFormat;
  if (!TOOL_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${TOOL_FORMATS.join(', ')}.`);
  const tools = filterTools(catalog.tools, {
    toolsets: typeof flags.toolsets === 'string' ? flags.toolsets : undefined,
    readOnly: flags['read-only'] === true,
  });
  writeJson(io, toolDefinitions(tools, format));
  return 0;
}
