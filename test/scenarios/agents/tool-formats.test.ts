// Tool definitions for every runtime: shapes the SDKs accept, and schemas without the top-level
// combinators that make Anthropic and OpenAI reject a whole request, or the validation-only
// keywords a model does not need (the connector still enforces them).
import { describe, expect, it } from 'vitest';
import { publishedTool } from '../../../src/catalog/formats.js';
import { catalog, createConnector, InvalidInputError, toolDefinitions, TOOL_FORMATS, tools } from '../../../src/index.js';

const NAME = /^[a-zA-Z0-9_-]{1,64}$/;

function hasRef(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasRef);
  if (value && typeof value === 'object') {
    return Object.entries(value).some(([k, v]) => k === '$ref' || hasRef(v));
  }
  return false;
}

function schemaOf(def: Record<string, unknown>, format: string): Record<string, unknown> {
  switch (format) {
    case 'mcp': return def.inputSchema as Record<string, unknown>;
    case 'openai': case 'openai-chat': return (def.function as Record<string, unknown>).parameters as Record<string, unknown>;
    case 'openai-responses': return def.parameters as Record<string, unknown>;
    default: return def.input_schema as Record<string, unknown>;
  }
}

describe('tool definitions', () => {
  for (const format of TOOL_FORMATS) {
    it(`${format}: every tool has a valid name and an object schema accepted at the top level`, () => {
      const defs = toolDefinitions(catalog.tools, format);
      expect(defs).toHaveLength(catalog.tools.length);
      for (const def of defs) {
        const name = (format === 'openai' || format === 'openai-chat') ? (def.function as { name: string }).name : def.name as string;
        expect(name).toMatch(NAME);
        const schema = schemaOf(def, format);
        expect(schema.type).toBe('object');
        for (const banned of ['anyOf', 'oneOf', 'allOf', 'not', 'enum', 'const']) expect(schema, `${name} ${banned}`).not.toHaveProperty(banned);
        expect(hasRef(schema)).toBe(false);
      }
    });
  }

  it('gives each SDK its own shape', () => {
    const tool = { ...catalog.tools.find((t) => t.name === 'gong_calls_list')!, inputSchema: publishedTool(catalog.tools.find((t) => t.name === 'gong_calls_list')!).inputSchema };
    const [chat] = toolDefinitions([tool], 'openai');
    expect(chat).toEqual({ type: 'function', function: { name: tool.name, description: tool.description, parameters: tool.inputSchema } });
    expect(toolDefinitions([tool], 'openai-chat')).toEqual([chat]);
    expect(toolDefinitions([tool], 'openai-responses')[0]).toEqual({ type: 'function', name: tool.name, description: tool.description, parameters: tool.inputSchema, strict: false });
    expect(toolDefinitions([tool], 'anthropic')[0]).toEqual({ name: tool.name, description: tool.description, input_schema: tool.inputSchema });
    const mcp = toolDefinitions([tool], 'mcp')[0]!;
    expect(mcp).toMatchObject({ name: tool.name, title: tool.annotations.title, inputSchema: tool.inputSchema });
    expect(mcp.annotations).toMatchObject({ readOnlyHint: true, destructiveHint: false, openWorldHint: true });
    expect(toolDefinitions([tool], 'scalekit')[0]).toMatchObject({ name: tool.name, display_name: tool.annotations.title, provider: 'GONG', category: 'calls', input_schema: tool.inputSchema });
    expect(tools).toEqual(toolDefinitions(catalog.tools, 'mcp'));
  });

  it('publishes the catalogue schema without validation-only keywords, and still enforces them', async () => {
    const tool = catalog.tools.find((t) => t.name === 'gong_calls_get')!;
    const published = publishedTool(tool).inputSchema as { properties: Record<string, Record<string, unknown>> };
    expect(Object.keys(published.properties)).toEqual(Object.keys((tool.inputSchema as { properties: object }).properties));
    const text = JSON.stringify(toolDefinitions(catalog.tools, 'anthropic'));
    for (const keyword of ['"pattern"', '"minLength"', '"maxLength"', '"minItems"', '"uniqueItems"']) expect(text).not.toContain(keyword);
    const connector = createConnector({ env: {} });
    await expect(connector.executeTool('gong_calls_get', { call_ids: ['not-an-id'] })).rejects.toThrow(/must be a Gong id: 1–20 digits/);
  });

  it('states an at-least-one-of rule in the description and still enforces it', async () => {
    const tool = catalog.tools.find((t) => Array.isArray(t.inputSchema.anyOf))!;
    expect(tool).toBeDefined();
    const [def] = toolDefinitions([tool], 'anthropic');
    expect(def!.description).toMatch(/Give at least one of: /);
    const connector = createConnector({ env: {} });
    await expect(connector.executeTool(tool.name, {})).rejects.toBeInstanceOf(InvalidInputError);
  });
});
