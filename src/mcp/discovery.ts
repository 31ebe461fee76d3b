// The four tools that make every catalogue tool reachable from a small list, as GitHub's MCP server
// does with toolsets: see the toolsets, add one to the list (the server then sends
// notifications/tools/list_changed), and, for clients that never refresh their list, read any
// tool's definition and run it by name. They belong to the MCP face, not to the catalogue.
import { toolDefinition } from '../catalog/formats.js';
import type { ToolEntry } from '../catalog/types.js';
import type { ToolSurface } from './surface.js';

export const TOOLSETS_LIST = 'gong_toolsets_list';
export const TOOLSET_ENABLE = 'gong_toolset_enable';
export const TOOL_DESCRIBE = 'gong_tool_describe';
export const TOOL_RUN = 'gong_tool_run';

export const DISCOVERY_TOOLS: readonly string[] = [TOOLSETS_LIST, TOOLSET_ENABLE, TOOL_DESCRIBE, TOOL_RUN];

type Definition = Record<string, unknown>;

const LOCAL = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false };

/** The discovery tools' MCP definitions, for this surface (toolset names and read-only mode). */
export function discoveryDefinitions(surface: ToolSurface): Definition[] {
  const sets = [...surface.toolsets().keys()];
  return [
    {
      name: TOOLSETS_LIST,
      title: 'List toolsets',
      description: 'The toolsets beyond this list (users, stats, settings, library, coaching, Engage, CRM, admin…): what each covers, its tools, whether it is listed.',
      inputSchema: { type: 'object', properties: {}, additionalProperties: false },
      annotations: LOCAL,
    },
    {
      name: TOOLSET_ENABLE,
      title: 'Enable toolsets',
      description: `Add toolsets' tools to your tool list (the server sends list_changed). If they do not show up, call them with ${TOOL_RUN}.`,
      inputSchema: {
        type: 'object',
        properties: { toolsets: { type: 'array', items: { type: 'string', enum: sets }, minItems: 1, uniqueItems: true, description: 'Toolset names.' } },
        required: ['toolsets'],
        additionalProperties: false,
      },
      annotations: LOCAL,
    },
    {
      name: TOOL_DESCRIBE,
      title: 'Describe a tool',
      description: `Any Gong tool's definition (description, input schema), listed or not, to call it with ${TOOL_RUN}.`,
      inputSchema: {
        type: 'object',
        properties: { name: { type: 'string', pattern: '^gong_[a-z0-9_]+$', description: 'Tool name, e.g. gong_users_list.' } },
        required: ['name'],
        additionalProperties: false,
      },
      annotations: LOCAL,
    },
    {
      name: TOOL_RUN,
      title: 'Run any Gong tool',
      description: `Run any Gong tool by name with its input (see ${TOOL_DESCRIBE}); same result as calling it.${surface.readOnly ? ' Tools that change Gong data are refused (read-only server).' : ''}`,
      inputSchema: {
        type: 'object',
        properties: {
          name: { type: 'string', pattern: '^gong_[a-z0-9_]+$', description: 'Tool name.' },
          input: { type: 'object', description: "The tool's input." },
        },
        required: ['name'],
        additionalProperties: false,
      },
      annotations: surface.readOnly
        ? { ...LOCAL, openWorldHint: true }
        : { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
    },
  ];
}

/** gong_toolsets_list's answer. */
export function toolsetsReport(surface: ToolSurface, descriptions: Readonly<Record<string, string>>): Record<string, unknown> {
  const toolsets = [...surface.toolsets()].map(([name, tools]) => {
    const listed = tools.filter((t) => surface.isListed(t.name)).length;
    return {
      name,
      description: descriptions[name] ?? '',
      tools: tools.map((t) => t.name),
      listed: listed === tools.length ? 'all' : listed === 0 ? 'none' : `${listed} of ${tools.length}`,
    };
  });
  return {
    toolsets,
    how: `${TOOLSET_ENABLE} {"toolsets":["users"]} adds a toolset to your list; ${TOOL_DESCRIBE} {"name":…} and ${TOOL_RUN} {"name":…,"input":{…}} reach any tool without it.`,
  };
}

/** gong_toolset_enable's answer once the toolsets are added. */
export function enabledReport(toolsets: readonly string[], added: readonly ToolEntry[]): Record<string, unknown> {
  return {
    enabled: toolsets,
    added_tools: added.map((t) => t.name),
    notes: [added.length > 0
      ? `Your tool list now includes these tools (the server sent notifications/tools/list_changed). If your client does not show them, call them with ${TOOL_RUN}.`
      : 'These toolsets were already in your tool list.'],
  };
}

/** gong_tool_describe's answer. */
export function describeReport(surface: ToolSurface, tool: ToolEntry): Record<string, unknown> {
  return {
    ...toolDefinition(tool, 'mcp'),
    toolset: tool.toolset,
    listed: surface.isListed(tool.name),
    ...(surface.readOnly && !tool.annotations.readOnlyHint ? { refused: 'This server is read-only (--read-only): the tool cannot run here.' } : {}),
  };
}
