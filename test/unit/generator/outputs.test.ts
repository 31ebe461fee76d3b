import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadManifest } from '../../../src/generator/manifest.js';
import { generatedFiles } from '../../../src/generator/outputs.js';
import { catalog } from '../../../src/catalog/catalog.generated.js';
import { PRESENTED } from '../../../src/generator/skill.js';

const root = resolve(import.meta.dirname, '../../..');

describe('generator', () => {
  it('every generated file matches the manifest (drift check)', () => {
    const files = generatedFiles(loadManifest(root));
    for (const [path, content] of files) {
      expect(readFileSync(join(root, path), 'utf8'), `${path} is stale: run npm run generate`).toBe(content);
    }
  });

  it('`npm run generate -- --check` exits 0 on a current tree', () => {
    const out = execFileSync(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), 'scripts/generate.ts', '--check'], { cwd: root, encoding: 'utf8' });
    expect(out).toContain('current');
  });

  it('is deterministic', () => {
    const a = generatedFiles(loadManifest(root));
    const b = generatedFiles(loadManifest(root));
    expect([...a.entries()]).toEqual([...b.entries()]);
  });

  it('the runtime catalogue is the generated one', () => {
    expect(catalog.tools.map((t) => t.name)).toEqual(loadManifest(root).catalog.tools.map((t) => t.name));
  });
});

describe('SKILL.md', () => {
  const text = readFileSync(join(root, 'SKILL.md'), 'utf8');
  const [, front, body] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text) ?? [];
  const meta = parse(front ?? '') as Record<string, any>;

  it('has frontmatter valid under the Agent Skills rules', () => {
    expect(Object.keys(meta).every((k) => ['name', 'description', 'license', 'compatibility', 'metadata', 'allowed-tools'].includes(k))).toBe(true);
    expect(meta.name).toBe('gong-connector');
    expect(meta.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(meta.name).not.toMatch(/claude|anthropic/);
    expect(meta.description.length).toBeGreaterThan(0);
    expect(meta.description.length).toBeLessThanOrEqual(1024);
    expect(meta.compatibility.length).toBeLessThanOrEqual(500);
    expect(front).not.toMatch(/[<>]/);
    expect(front).not.toMatch(/[{}[\]]\s*$/m); // block YAML only (strictyaml rejects flow style)
  });

  it('carries the Polly block in the seed\'s shape', () => {
    expect(meta.metadata.polly).toEqual({
      polly_managed_connector: true,
      auth: [{
        env: 'GONG_ACCESS_TOKEN', type: 'oauth2', integration_id: 'gong', description: 'Gong OAuth access',
        scopes: meta.metadata.polly.auth[0].scopes,
      }],
      primaryEnv: 'GONG_ACCESS_TOKEN',
    });
    // The seed's four scopes stay first; the read scopes of the tools SKILL.md presents follow.
    expect(meta.metadata.polly.auth[0].scopes.slice(0, 4)).toEqual(['api:calls:read:extensive', 'api:calls:read:transcript', 'api:calls:create', 'api:users:read']);
    const envNames = meta.metadata.openclaw.envVars.map((v: { name: string }) => v.name);
    for (const name of ['GONG_ACCESS_TOKEN', 'GONG_ACCESS_KEY', 'GONG_ACCESS_KEY_SECRET', 'GONG_API_BASE_URL', 'GONG_TRANSPORT', 'GONG_RATE_LIMIT_PER_SECOND', 'GONG_DAILY_LIMIT']) {
      expect(envNames).toContain(name);
    }
  });

  it('declares every environment variable the code reads (ClawHub flags undeclared ones)', () => {
    const used = new Set(
      execFileSync('grep', ['-rhoE', "env(\\.|\\[')(GONG|SCALEKIT)_[A-Z_]+|\\(env, '(GONG|SCALEKIT)_[A-Z_]+", join(root, 'src')], { encoding: 'utf8' })
        .split('\n').filter(Boolean).map((m) => /(GONG|SCALEKIT)_[A-Z_]+/.exec(m)![0]),
    );
    const declared = new Set(meta.metadata.openclaw.envVars.map((v: { name: string }) => v.name));
    expect(used.size).toBeGreaterThan(10);
    expect([...used].filter((name) => !declared.has(name))).toEqual([]);
  });

  it('has the setup, security, base URL, routing, usage, rules and points to the tool reference', () => {
    for (const heading of ['## First-Time Setup', '## Auth & Security', '## Base URL', '## Which tool', '## Quick Usage', '## Rules', '## Tools']) {
      expect(body).toContain(heading);
    }
    expect(body).toContain('manage_auth(action="connect", integration_id="gong", auth_env="GONG_ACCESS_TOKEN")');
    expect(body).toContain('references/tools.md');
    expect(body).toContain('schemas/<tool>.json');
    expect(text.split('\n').length).toBeLessThan(500);
    // About 4 characters per token: under 4,000 tokens with room to spare.
    expect(text.length).toBeLessThan(14_000);
  });

  it('requests every scope of every tool it presents, and names only tools that exist', () => {
    const granted: string[] = meta.metadata.polly.auth[0].scopes;
    const named = [...body!.matchAll(/`(gong_[a-z_]+)`/g)].map((m) => m[1]!);
    for (const name of named) expect(PRESENTED, `${name} is named in SKILL.md`).toContain(name);
    for (const tool of catalog.tools.filter((t) => PRESENTED.includes(t.name))) {
      for (const scope of tool.scopes) expect(granted, `${tool.name} needs ${scope}`).toContain(scope);
    }
  });
});

describe('references/tools.md', () => {
  const text = readFileSync(join(root, 'references', 'tools.md'), 'utf8');
  const granted = new Set(parse(/^---\n([\s\S]*?)\n---/.exec(readFileSync(join(root, 'SKILL.md'), 'utf8'))![1]!).metadata.polly.auth[0].scopes as string[]);

  it('is generated and marked', () => {
    expect(text).toContain('GENERATED by `npm run generate`');
  });

  it('has a row for every tool with its scopes, marking those the skill\'s grant does not request', () => {
    for (const tool of catalog.tools) {
      const row = text.split('\n').find((l) => l.startsWith(`| \`${tool.name}\` |`));
      expect(row, tool.name).toBeDefined();
      for (const scope of tool.scopes) {
        expect(row).toContain(granted.has(scope) ? `\`${scope}\`` : `\`${scope}\` ⚠`);
        if (granted.has(scope)) expect(row).not.toContain(`\`${scope}\` ⚠`);
      }
    }
  });
});

describe('schemas', () => {
  it('every tool schema is an object schema with a description on every property', () => {
    for (const tool of catalog.tools) {
      expect(tool.inputSchema.type).toBe('object');
      expect(tool.inputSchema.additionalProperties).toBe(false);
      for (const [name, prop] of Object.entries(tool.inputSchema.properties as Record<string, { description?: string }>)) {
        expect(prop.description, `${tool.name}.${name}`).toBeTruthy();
      }
      const file = JSON.parse(readFileSync(join(root, 'schemas', `${tool.name}.json`), 'utf8'));
      expect(file.properties).toEqual(tool.inputSchema.properties);
    }
  });
});
