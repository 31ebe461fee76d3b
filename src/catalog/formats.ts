// One internal tool shape mapped to each runtime's tool-definition format (docs/formats.md#tool-definition-shapes).
import { isSharedInputText } from './shared-inputs.js';
import type { JsonSchema, ToolEntry } from './types.js';

export type ToolFormat = 'mcp' | 'openai' | 'openai-chat' | 'openai-responses' | 'anthropic' | 'scalekit';
export const TOOL_FORMATS: readonly ToolFormat[] = ['mcp', 'openai', 'openai-chat', 'openai-responses', 'anthropic', 'scalekit'];

// Keywords only the connector's own validation needs: every call is checked against the full
// schema (src/dispatch/validate.ts, whose errors say what a Gong id, a date, a length or a bound
// is), and the descriptions say what a value looks like and state the limits an agent plans by
// ("1–100 ids"), so the definitions a model reads leave them out: a model that passes a value out
// of bounds is told the bound and tries again. `additionalProperties: false` goes too: a model
// reads the listed properties, and validation names an unknown input with the closest real one.
const VALIDATION_ONLY = new Set(['pattern', 'minLength', 'maxLength', 'minItems', 'maxItems', 'uniqueItems', 'minimum', 'maximum', 'minProperties']);

// A `format` the input's name already states (from_date_time, call_from_date, owner_email,
// download_media_url) tells a model nothing more; validation still checks it.
const NAME_SAYS_FORMAT: Record<string, RegExp> = { 'date-time': /date_time$/, date: /_date$/, email: /email/, uri: /url$/ };

// A camelCase property beside its snake_case twin is an alias validation accepts; the
// description says so ("camelCase accepted"), so only the snake_case one is published.
const camelTwin = (name: string, all: Record<string, unknown>) => /[A-Z]/.test(name) && name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`) in all;

// A description that only repeats the input's name ("Profile id." for profile_id, "Title.") is
// dropped: the name says it. The catalogue keeps it for `gong-connector tools` and the docs.
const NAME_NOISE = new Set(['gong', 'the', 'a']);
const wordsOf = (text: string) => text.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w && !NAME_NOISE.has(w));
const repeatsName = (description: unknown, name: string) =>
  typeof description === 'string' && name !== '' && wordsOf(description).every((w) => wordsOf(name).includes(w) || wordsOf(name).includes(w.replace(/s$/, '')));

function leanSchema(schema: JsonSchema, name = ''): JsonSchema {
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (VALIDATION_ONLY.has(key) || (key === 'additionalProperties' && value === false)) continue;
    if (key === 'description' && (repeatsName(value, name) || isSharedInputText(name, value))) continue;
    if (key === 'format' && typeof value === 'string' && NAME_SAYS_FORMAT[value]?.test(name)) continue;
    if (key === 'properties' && value && typeof value === 'object') {
      const props = value as Record<string, JsonSchema>;
      out[key] = Object.fromEntries(Object.entries(props).filter(([n]) => !camelTwin(n, props)).map(([n, s]) => [n, leanSchema(s, n)]));
    } else if ((key === 'items' || key === 'additionalProperties') && value && typeof value === 'object' && !Array.isArray(value)) {
      out[key] = leanSchema(value as JsonSchema, name);
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
