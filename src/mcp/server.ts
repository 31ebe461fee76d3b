// The MCP face: the catalogue's tools, with their JSON Schemas and annotations as they are, over
// the low-level SDK Server (McpServer wants zod schemas; docs/formats.md#mcp-server). The list is
// a ToolSurface (src/mcp/surface.ts): small by default, grown by gong_toolset_enable, and every
// allowed tool runs through gong_tool_run (src/mcp/discovery.ts). Tool failures come back as
// isError results carrying the CLI's error JSON (src/http/error-report.ts), so the model can read
// and correct them.
import type { Connector } from '../connector.js';
import { catalog, findTool } from '../catalog/index.js';
import { toolDefinitions } from '../catalog/formats.js';
import { errorReport } from '../http/error-report.js';
import { InvalidInputError, UnknownToolError } from '../http/errors.js';
import { stringifyJson } from '../http/json.js';
import { redactText } from '../http/redact.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../version.js';
import {
  DISCOVERY_TOOLS, TOOL_DESCRIBE, TOOL_RUN, TOOLSET_ENABLE, TOOLSETS_LIST,
  describeReport, discoveryDefinitions, enabledReport, toolsetsReport,
} from './discovery.js';
import { serverInstructions } from './instructions.js';
import type { ToolSurface } from './surface.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';

export interface McpServerOptions {
  connector: Connector;
  /** The tools to list and run (from --toolsets / --read-only). */
  surface: ToolSurface;
  /** Called after the list grew, to send notifications/tools/list_changed. */
  onListChanged?: (() => Promise<void>) | undefined;
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

type Json = Record<string, unknown>;

const jsonResult = (json: Json, isError = false): ToolCallResult => ({
  content: [{ type: 'text', text: redactText(stringifyJson(json)) }],
  ...(isError ? { isError: true } : {}),
});

/** The tools/list answer: the listed catalogue tools, then the discovery tools. */
export function listedDefinitions(surface: ToolSurface): Tool[] {
  // The catalogue's schemas are object schemas by construction (the generator checks it).
  const tools = toolDefinitions(surface.listed(), 'mcp') as unknown as Tool[];
  return surface.discovery ? [...tools, ...(discoveryDefinitions(surface) as unknown as Tool[])] : tools;
}

/** A catalogue tool's result as MCP content; a result's `text` (a transcript) is its own block of plain lines. */
async function runTool(options: McpServerOptions, name: string, args: unknown, signal?: AbortSignal): Promise<ToolCallResult> {
  const result = await options.connector.executeTool(name, args ?? {}, signal ? { signal } : {});
  if (typeof result.text === 'string') {
    const { text, ...rest } = result;
    return { content: [{ type: 'text', text: redactText(text) }, { type: 'text', text: redactText(stringifyJson(rest)) }] };
  }
  return jsonResult(result);
}

/** Why a known tool cannot be called by name here, and what works instead. */
function notEnabled(surface: ToolSurface, name: string): ToolCallResult {
  const tool = findTool(name); // unknown names throw with suggestions
  const readOnlyRefusal = surface.readOnly && !tool.annotations.readOnlyHint;
  return jsonResult({
    error: 'tool_not_enabled',
    message: `Tool '${name}' is not enabled on this server.`,
    hint: readOnlyRefusal
      ? 'This server is read-only (--read-only) and the tool changes Gong data; it needs a server started without --read-only.'
      : surface.discovery
        ? `Call ${TOOLSET_ENABLE} {"toolsets":["${tool.toolset}"]} to add it to your list, or ${TOOL_RUN} {"name":"${name}","input":{…}} to run it now.`
        : `Use one of the listed tools, or start the server with its toolset (--toolsets ${tool.toolset}).`,
  }, true);
}

function stringArg(args: Json, key: string, tool: string): string {
  const value = args[key];
  if (typeof value !== 'string' || value === '') throw new InvalidInputError({ message: `Invalid input for ${tool}: ${key} is required (a tool name).`, tool, field: key });
  return value;
}

async function discoveryCall(options: McpServerOptions, name: string, args: Json, signal?: AbortSignal): Promise<ToolCallResult> {
  const { surface } = options;
  switch (name) {
    case TOOLSETS_LIST:
      return jsonResult(toolsetsReport(surface, catalog.connector.toolsets));
    case TOOLSET_ENABLE: {
      const known = surface.toolsets();
      const wanted = Array.isArray(args.toolsets) ? args.toolsets.map(String) : [];
      const unknown = wanted.filter((s) => !known.has(s));
      if (wanted.length === 0 || unknown.length > 0) {
        throw new InvalidInputError({
          message: `Invalid input for ${name}: toolsets must list toolset names${unknown.length ? ` (unknown: ${unknown.join(', ')})` : ''}. Toolsets: ${[...known.keys()].join(', ')}.`,
          tool: name, field: 'toolsets',
        });
      }
      const added = surface.enable(wanted);
      if (added.length > 0) await options.onListChanged?.();
      return jsonResult(enabledReport(wanted, added));
    }
    case TOOL_DESCRIBE:
      return jsonResult(describeReport(surface, findTool(stringArg(args, 'name', name))));
    case TOOL_RUN: {
      const target = stringArg(args, 'name', name);
      if (DISCOVERY_TOOLS.includes(target)) return discoveryCall(options, target, isObject(args.input) ? args.input : {}, signal);
      if (!surface.allowedTool(target)) return notEnabled(surface, target);
      return runTool(options, target, isObject(args.input) ? args.input : {}, signal);
    }
    default:
      throw new Error(`not a discovery tool: ${name}`);
  }
}

const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** One tools/call: a listed tool, a discovery tool, or the reason it cannot run here. */
export async function callTool(options: McpServerOptions, name: string, args: unknown, signal?: AbortSignal): Promise<ToolCallResult> {
  try {
    const { surface } = options;
    if (surface.discovery && DISCOVERY_TOOLS.includes(name)) return await discoveryCall(options, name, isObject(args) ? args : {}, signal);
    if (!surface.isListed(name)) return notEnabled(surface, name);
    return await runTool(options, name, args, signal);
  } catch (error) {
    // The same guard as the CLI's output: no known credential leaves in a result.
    return { content: [{ type: 'text', text: redactText(JSON.stringify(forMcp(errorReport(error).json, options.surface))) }], isError: true };
  }
}

/** The shared hints name `gong-connector tools`, which an MCP agent cannot run: point at what it can. */
function forMcp(json: Json, surface: ToolSurface): Json {
  if (typeof json.hint !== 'string' || !json.hint.includes('`gong-connector tools`')) return json;
  const hint = json.error === 'unknown_tool'
    ? (surface.discovery ? `${TOOLSETS_LIST} lists every tool by toolset.` : 'Use one of the tools this server lists.')
    : json.hint.replace(/`gong-connector tools` shows every input/, surface.discovery
      ? `the tool's inputSchema (or ${TOOL_DESCRIBE}) shows every input`
      : "the tool's inputSchema shows every input");
  return { ...json, hint };
}

/**
 * Why `name` names no tool at all (neither the catalogue's nor a discovery tool): the MCP spec
 * answers that with a JSON-RPC error (Invalid params), not a tool result.
 */
export function unknownToolMessage(surface: ToolSurface, name: string): string | undefined {
  if (surface.discovery && DISCOVERY_TOOLS.includes(name)) return undefined;
  try {
    findTool(name);
    return undefined;
  } catch (error) {
    if (!(error instanceof UnknownToolError)) throw error;
    const hint = forMcp(errorReport(error).json, surface).hint;
    return `${error.message}${typeof hint === 'string' ? ` ${hint}` : ''}`;
  }
}

/** Serve the tools on a transport (stdio by default) until the client disconnects. */
export async function serveMcp(options: McpServerOptions, transport?: Transport): Promise<{ closed: Promise<Error | undefined>; close(): Promise<void> }> {
  const [{ Server }, types] = await Promise.all([
    import('@modelcontextprotocol/sdk/server/index.js'),
    import('@modelcontextprotocol/sdk/types.js'),
  ]);
  const server = new Server(
    { name: PACKAGE_NAME, version: PACKAGE_VERSION },
    { capabilities: { tools: { listChanged: options.surface.discovery } }, instructions: serverInstructions(options.surface) },
  );
  const served: McpServerOptions = {
    ...options,
    onListChanged: async () => {
      await options.onListChanged?.();
      await server.sendToolListChanged();
    },
  };
  server.setRequestHandler(types.ListToolsRequestSchema, async () => ({ tools: listedDefinitions(options.surface) }));
  server.setRequestHandler(types.CallToolRequestSchema, async (request, extra) => {
    const unknown = unknownToolMessage(options.surface, request.params.name);
    if (unknown !== undefined) throw new types.McpError(types.ErrorCode.InvalidParams, redactText(unknown));
    return callTool(served, request.params.name, request.params.arguments ?? {}, extra.signal);
  });
  // A transport error (an oversized or unreadable message) is said on stderr; if the server then
  // stops, `closed` carries the reason so the CLI exits non-zero instead of silently.
  let lastError: Error | undefined;
  server.onerror = (error) => {
    lastError = error;
    process.stderr.write(`gong-connector mcp: ${redactText(error.message)}\n`);
  };
  let resolveClosed!: (reason: Error | undefined) => void;
  const closed = new Promise<Error | undefined>((resolve) => { resolveClosed = resolve; });
  let clientLeft = false;
  server.onclose = () => {
    if (!clientLeft && lastError) process.stderr.write(`gong-connector mcp: stopping: ${redactText(lastError.message)}\n`);
    resolveClosed(clientLeft ? undefined : lastError);
  };
  if (transport) {
    await server.connect(transport);
  } else {
    const { StdioServerTransport } = await import('@modelcontextprotocol/sdk/server/stdio.js');
    const stdio = new StdioServerTransport();
    // StdioServerTransport does not notice stdin ending; a client that goes away must stop us.
    process.stdin.once('end', () => {
      clientLeft = true;
      void server.close();
    });
    await server.connect(stdio);
  }
  return { closed, close: () => server.close() };
}
