// One internal tool shape mapped to each runtime's tool-definition format (skill-formats.md §8).
import type { ToolEntry } from './types.js';

export type ToolFormat = 'mcp' | 'openai' | 'openai-responses' | 'anthropic' | 'scalekit';
export const TOOL_FORMATS: readonly ToolFormat[] = ['mcp', 'openai', 'openai-responses', 'anthropic', 'scalekit'];

export function toolDefinition(tool: ToolEntry, format: ToolFormat): Record<string, unknown> {
  const { name, description, inputSchema } = tool;
  switch (format) {
    case 'mcp':
      return { name, title: tool.annotations.title, description, inputSchema, annotations: tool.annotations };
    case 'openai':
      return { type: 'function', function: { name, description, parameters: inputSchema } };
    case 'openai-responses':
      return { type: 'function', name, description, parameters: inputSchema, strict: false };
    case 'anthropic':
      return { name, description, input_schema: inputSchema };
    case 'scalekit':
      return {
        name,
        display_name: tool.annotations.title,
        description,
        provider: 'GONG',
        category: tool.toolset,
        input_schema: inputSchema,
        output_schema: { type: 'object' },
      };
  }
}

export function toolDefinitions(tools: readonly ToolEntry[], format: ToolFormat = 'mcp'): Array<Record<string, unknown>> {
  return tools.map((t) => toolDefinition(t, format));
}
