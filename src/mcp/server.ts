// The MCP face: the catalogue's tools, with their JSON Schemas and annotations as they are, over
// the low-level SDK Server (McpServer wants zod schemas; docs/formats.md#mcp-server). Tool failures come
// back as isError results carrying the CLI's error JSON (src/http/error-report.ts), so the model can read and correct them.
import type { Connector } from '../connector.js';
import type { ToolEntry } from '../catalog/types.js';
import { toolDefinitions } from '../catalog/formats.js';
import { findTool } from '../catalog/index.js';
import { errorReport } from '../http/error-report.js';
import { stringifyJson } from '../http/json.js';
import { redactText } from '../http/redact.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../version.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';

export interface McpServerOptions {
  connector: Connector;
  /** The tools to serve (already filtered by --toolsets / --read-only). */
  tools: readonly ToolEntry[];
}

interface TextContent {
  type: 'text';
  text: string;
}

export interface ToolCallResult {
  [key: string]: unknown;
  content: TextContent[];
  isError?: boolean;
}

/**
 * One tool call as MCP content. A result's `text` (a rendered transcript) is sent as its own
 * block so the model reads plain lines, not a JSON string full of \n escapes.
 */
export async function callTool(options: McpServerOptions, name: string, args: unknown, signal?: AbortSignal): Promise<ToolCallResult> {
  try {
    const served = options.tools.find((t) => t.name === name);
    if (!served) {
      findTool(name); // unknown names throw with suggestions
      const json = {
        error: 'tool_not_enabled',
        message: `Tool '${name}' is not enabled on this server.`,
        hint: 'Use one of the listed tools, or start the server with its toolset (--toolsets) or without --read-only.',
      };
      return { content: [{ type: 'text', text: JSON.stringify(json) }], isError: true };
    }
    const result = await options.connector.executeTool(name, args ?? {}, signal ? { signal } : {});
    if (typeof result.text === 'string') {
      const { text, ...rest } = result;
      return { content: [{ type: 'text', text: redactText(text) }, { type: 'text', text: redactText(stringifyJson(rest)) }] };
    }
    return { content: [{ type: 'text', text: redactText(stringifyJson(result)) }] };
  } catch (error) {
    // The same guard as the CLI's output: no known credential leaves in a result.
    return { content: [{ type: 'text', text: redactText(JSON.stringify(errorReport(error).json)) }], isError: true };
  }
}

/** Serve the tools on a transport (stdio by default) until the client disconnects. */
export async function serveMcp(options: McpServerOptions, transport?: Transport): Promise<{ closed: Promise<void>; close(): Promise<void> }> {
  const [{ Server }, types] = await Promise.all([
    import('@modelcontextprotocol/sdk/server/index.js'),
    import('@modelcontextprotocol/sdk/types.js'),
  ]);
  const server = new Server({ name: PACKAGE_NAME, version: PACKAGE_VERSION }, { capabilities: { tools: {} } });
  // The catalogue's schemas are object schemas by construction (the generator checks it).
  const definitions = toolDefinitions(options.tools, 'mcp') as unknown as Tool[];
  server.setRequestHandler(types.ListToolsRequestSchema, async () => ({ tools: definitions }));
  server.setRequestHandler(types.CallToolRequestSchema, async (request, extra) =>
    callTool(options, request.params.name, request.params.arguments ?? {}, extra.signal));
  let resolveClosed!: () => void;
  const closed = new Promise<void>((resolve) => { resolveClosed = resolve; });
  server.onclose = () => resolveClosed();
  if (transport) {
    await server.connect(transport);
  } else {
    const { StdioServerTransport } = await import('@modelcontextprotocol/sdk/server/stdio.js');
    const stdio = new StdioServerTransport();
    // StdioServerTransport does not notice stdin ending; a client that goes away must stop us.
    process.stdin.once('end', () => { void server.close(); });
    await server.connect(stdio);
  }
  return { closed, close: () => server.close() };
}
