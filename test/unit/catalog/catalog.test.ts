// The catalogue as agents see it: `gong-connector tools` lists every tool; Scalekit's names and
// parameters are kept exactly; irreversible tools demand confirm: true; descriptions say cost and
// whether the change can be undone; scopes are in the tool reference, the schema index and errors.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { catalog, grantScopes } from '../../../src/catalog/index.js';
import { main } from '../../../src/cli/main.js';
import { createConnector } from '../../../src/connector.js';
import { InvalidInputError } from '../../../src/http/errors.js';
import { OTHER_OPERATION_TOOLS, REQUIRED_BY_GONG, SCALEKIT_TOOLS } from '../../fixtures/scalekit-catalogue.js';
import { SAMPLES } from '../../fixtures/sample-inputs.js';

type Schema = { type?: string | string[]; properties?: Record<string, Schema>; required?: string[] };

const byName = new Map(catalog.tools.map((t) => [t.name, t]));
const ROOT = join(import.meta.dirname, '..', '..', '..');

async function runCli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const sink = (append: (s: string) => void) => new Writable({ write(chunk, _enc, cb) { append(String(chunk)); cb(); } });
  const code = await main(argv, {
    stdout: sink((s) => { stdout += s; }),
    stderr: sink((s) => { stderr += s; }),
    stdin: Readable.from([]),
    env: {},
    stdoutIsTTY: false,
    stderrIsTTY: false,
  });
  return { code, stdout, stderr };
}

describe('gong-connector tools', () => {
  it('lists every tool of the catalogue, with its input schema and annotations', async () => {
    const { code, stdout } = await runCli(['tools']);
    expect(code).toBe(0);
    const listed = JSON.parse(stdout) as Array<{ name: string; inputSchema: Schema; annotations: Record<string, unknown> }>;
    expect(listed.map((t) => t.name)).toEqual(catalog.tools.map((t) => t.name));
    expect(listed).toHaveLength(80);
    for (const t of listed) {
      expect(t.inputSchema.type).toBe('object');
      expect(typeof t.annotations.readOnlyHint).toBe('boolean');
    }
  });
});

describe('Scalekit compatibility', () => {
  it('keeps all 49 Scalekit tools with their exact parameter names, types and required flags', () => {
    expect(Object.keys(SCALEKIT_TOOLS)).toHaveLength(49);
    for (const [name, params] of Object.entries(SCALEKIT_TOOLS)) {
      const tool = byName.get(name);
      expect(tool, name).toBeDefined();
      const schema = tool!.inputSchema as Schema;
      const required = new Set(schema.required ?? []);
      for (const [param, type, isRequired] of params) {
        const prop = schema.properties?.[param];
        expect(prop, `${name}.${param}`).toBeDefined();
        const types = [prop!.type ?? []].flat();
        // An integer is accepted where the connector takes any number or a digit string.
        const accepts = types.includes(type) || (type === 'integer' && types.includes('number'));
        expect(accepts, `${name}.${param}: Scalekit type ${type}, connector ${JSON.stringify(prop!.type)}`).toBe(true);
        if (isRequired) expect(required.has(param), `${name}.${param} must stay required`).toBe(true);
        else if (!REQUIRED_BY_GONG[name]?.includes(param)) expect(required.has(param), `${name}.${param} must stay optional`).toBe(false);
      }
    }
  });

  it('requires only the Scalekit-optional inputs Gong itself requires, and says so in the description', () => {
    for (const [name, params] of Object.entries(REQUIRED_BY_GONG)) {
      const tool = byName.get(name)!;
      for (const p of params) {
        expect((tool.inputSchema as Schema).required).toContain(p);
        expect(tool.description + JSON.stringify((tool.inputSchema as Schema).properties?.[p])).toMatch(/[Rr]equire/);
      }
    }
  });

  it('names every other Gong operation gong_<resource>_<verb> as issue 3 lists them', () => {
    expect(OTHER_OPERATION_TOOLS.filter((n) => !byName.has(n))).toEqual([]);
    const extra = catalog.tools.map((t) => t.name).filter((n) => !(n in SCALEKIT_TOOLS) && !OTHER_OPERATION_TOOLS.includes(n));
    // Beyond Scalekit and the per-operation tools: the Polly skill's list, the raw escape hatch, task
    // reopening, and the agent tools (transcripts as text, search across calls, date help, people by name).
    expect(extra.sort()).toEqual([
      'gong_api_request', 'gong_calls_extensive_list', 'gong_calls_search', 'gong_calls_transcript_text',
      'gong_dates_resolve', 'gong_engage_task_update', 'gong_users_find',
    ]);
  });
});

describe('safety and descriptions', () => {
  const IRREVERSIBLE = [
    'gong_data_privacy_email_erase', 'gong_data_privacy_phone_erase', 'gong_crm_integration_delete', 'gong_meeting_delete',
    'gong_permission_profile_create', 'gong_permission_profile_update', 'gong_call_users_access_remove',
    'gong_engage_prospects_unassign', 'gong_engage_prospects_unassign_by_instance', 'gong_engage_flow_content_override',
    'gong_crm_schema_upload', 'gong_crm_objects_upload',
  ];

  it('every destructive tool requires confirm (the raw escape hatch aside: its method decides)', () => {
    const destructive = catalog.tools.filter((t) => t.annotations.destructiveHint && t.name !== 'gong_api_request').map((t) => t.name);
    expect(destructive.sort()).toEqual([...IRREVERSIBLE].sort());
  });

  it('irreversible tools require confirm: true and are annotated destructive; nothing else asks for confirm', () => {
    for (const tool of catalog.tools) {
      const schema = tool.inputSchema as Schema & { properties: Record<string, { const?: unknown }> };
      if (IRREVERSIBLE.includes(tool.name)) {
        expect(schema.required, tool.name).toContain('confirm');
        expect(schema.properties.confirm?.const, tool.name).toBe(true);
        expect(tool.annotations.destructiveHint, tool.name).toBe(true);
      } else if (tool.name === 'gong_api_request') {
        // The escape hatch asks for confirm per request, on every method but GET.
        expect(schema.required ?? [], tool.name).not.toContain('confirm');
        expect(schema.properties.confirm, tool.name).toMatchObject({ type: 'boolean' });
      } else {
        expect(schema.properties.confirm, tool.name).toBeUndefined();
      }
    }
  });

  it('an irreversible tool without confirm: true fails validation and sends nothing', async () => {
    const connector = createConnector({ accessKey: 'k', accessKeySecret: 's', baseUrl: 'http://127.0.0.1:9', env: {} });
    for (const name of IRREVERSIBLE) {
      const sample = SAMPLES.find((s) => s.tool === name)!;
      const { confirm: _confirm, ...withoutConfirm } = sample.input;
      for (const input of [withoutConfirm, { ...withoutConfirm, confirm: false }]) {
        const error = await connector.executeTool(name, input).catch((e: unknown) => e);
        expect(error, name).toBeInstanceOf(InvalidInputError);
        expect((error as InvalidInputError).field).toBe('confirm');
      }
    }
  });

  it('gong_meeting_delete refuses a call without organizer_email (Gong requires the body) and sends nothing', async () => {
    const connector = createConnector({ accessKey: 'k', accessKeySecret: 's', baseUrl: 'http://127.0.0.1:9', env: {} });
    const error = await connector.executeTool('gong_meeting_delete', { meeting_id: '123456', confirm: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).field).toBe('organizer_email');
  });

  it('descriptions name the request cost and, for writes, whether the change can be undone', () => {
    for (const tool of catalog.tools) {
      expect(tool.description, tool.name).toMatch(/request|page/i);
      if (!tool.annotations.readOnlyHint) expect(tool.description, tool.name).toMatch(/undo|cannot be|irreversible/i);
      expect(tool.description, tool.name).not.toMatch(/[<>]/);
    }
  });

  // Scopes left the descriptions (every definition an agent loads paid for them); an agent or a
  // user still finds each tool's scopes in the tool reference, the bundled schema index and the
  // 401/403 error, whose hint names the scopes the tool needs (grantScopes → src/http/errors.ts).
  it("every tool's scopes are in references/tools.md, schemas/index.json and the scope error's context", () => {
    const reference = readFileSync(join(ROOT, 'references', 'tools.md'), 'utf8');
    const index = JSON.parse(readFileSync(join(ROOT, 'schemas', 'index.json'), 'utf8')) as { tools: Array<{ name: string; scopes: string[] }> };
    for (const tool of catalog.tools) {
      const row = reference.split('\n').find((line) => line.startsWith(`| \`${tool.name}\` |`));
      expect(row, tool.name).toBeDefined();
      for (const scope of tool.scopes) expect(row, tool.name).toContain(`\`${scope}\``);
      expect(index.tools.find((t) => t.name === tool.name)?.scopes, tool.name).toEqual(tool.scopes);
      expect(grantScopes(tool.name).toolScopes, tool.name).toEqual(tool.scopes);
    }
  });

  it('the tools that spend Gong AI credits say so', () => {
    for (const name of ['gong_entity_ask', 'gong_entity_brief_get']) expect(byName.get(name)!.description).toMatch(/COSTS Gong AI credits/);
  });

  it('every input the connector accepts but cannot send says what happens to it', () => {
    for (const tool of catalog.tools) {
      for (const [input, mapping] of Object.entries(tool.inputs)) {
        if (mapping.to !== 'ignored') continue;
        const described = `${tool.description} ${JSON.stringify((tool.inputSchema as Schema).properties?.[input])}`;
        expect(described, `${tool.name}.${input}`).toMatch(/not sent|ignored/);
      }
    }
  });
});
