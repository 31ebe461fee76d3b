// One internal tool shape mapped to each runtime's tool-definition format (docs/formats.md#tool-definition-shapes).
import type { JsonSchema, ToolEntry } from './types.js';

export type ToolFormat = 'mcp' | 'openai' | 'openai-chat' | 'openai-responses' | 'anthropic' | 'scalekit';
export const TOOL_FORMATS: readonly ToolFormat[] = ['mcp', 'openai', 'openai-chat', 'openai-responses', 'anthropic', 'scalekit'];

// Keywords only the connector's own validation needs: every call is checked against the full
// schema (src/dispatch/validate.ts, whose errors say what a Gong id, a date or a length limit
// is), and the descriptions say what a value looks like, so the definitions a model reads leave
// them out. They are a fifth of a definition's tokens.
const VALIDATION_ONLY = new Set(['pattern', 'minLength', 'maxLength', 'minItems', 'uniqueItems']);

function leanSchema(schema: JsonSchema): JsonSchema {
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (VALIDATION_ONLY.has(key)) continue;
    if (key === 'properties' && value && typeof value === 'object') {
      out[key] = Object.fromEntries(Object.entries(value as Record<string, JsonSchema>).map(([name, s]) => [name, leanSchema(s)]));
    } else if ((key === 'items' || key === 'additionalProperties') && value && typeof value === 'object' && !Array.isArray(value)) {
      out[key] = leanSchema(value as JsonSchema);
    } else out[key] = value;
  }
  return out;
}

/**
 * The schema a model runtime sees: the catalogue's without validation-only keywords. Anthropic
 * rejects `anyOf`/`oneOf`/`allOf` at the top of `input_schema` and OpenAI rejects them in
 * `parameters`, failing the whole request, so the manifest's "at least one of" rule (a top-level
 * anyOf of `required` lists) is stated in the description instead; the dispatcher still enforces
 * it with the full schema.
 */
export function publishedTool(tool: ToolEntry): { description: string; inputSchema: JsonSchema } {
  const { anyOf, ...rest } = tool.inputSchema;
  const inputSchema = leanSchema(rest);
  if (!Array.isArray(anyOf)) return { description: tool.description, inputSchema };
  const names = (anyOf as Array<{ required?: string[] }>).map((a) => (a.required ?? []).join(' + ')).filter(Boolean);
  return {
    description: `${tool.description} Give at least one of: ${names.join(', ')}.`,
    inputSchema,
  };
}

export function toolDefinition(tool: ToolEntry, format: ToolFormat): Record<string, unknown> {
  const { name } = tool;
  const { description, inputSchema } = publishedTool(tool);
  switch (format) {
    case 'mcp':
      return { name, title: tool.annotations.title, description, inputSchema, annotations: tool.annotations };
    case 'openai':
    case 'openai-chat':
      return { type: 'function', function: { name, description, parameters: inputSchema } };
    case 'openai-responses':
      // strict mode needs every property required; the catalogue's optional inputs rule it out.
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
