// The npm package: what `npm pack` ships, and (SLOW, ~20–40 s: it runs `npm pack` and
// `npm install` of the tarball from the local npm cache) that the packed tarball installs into an
// empty directory and runs from there — bin, library import, exports map and types.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalog } from '../../../src/catalog/catalog.generated.js';

const root = resolve(import.meta.dirname, '../../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string; exports: Record<string, unknown> };

/** npm with an environment free of the parent npm's per-run settings. */
function npm(args: string[], cwd: string): string {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir() };
  if (process.env.npm_config_cache) env.npm_config_cache = process.env.npm_config_cache;
  return execFileSync('npm', args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
}

function packedFiles(): string[] {
  const out = npm(['pack', '--dry-run', '--json', '--ignore-scripts'], root);
  const [info] = JSON.parse(out) as Array<{ files: Array<{ path: string }> }>;
  return info!.files.map((f) => f.path).sort();
}

describe('npm pack', () => {
  it('ships only what users need: bin, dist (no generator; the skill bundle\'s prebuilt parts), schemas, SKILL.md, references/tools.md, README, LICENSE, package.json', () => {
    const files = packedFiles();
    const allowed = /^(bin\/gong-connector\.js|bin\/package\.json|dist\/tool-lists\/[a-z-]+\.json|dist\/skill-bundle\/(SKILL\.md|references\/tools\.md|scripts\/gong-connector\.mjs|scripts\/THIRD-PARTY-LICENSES\.txt)|dist\/.+\.(js|d\.ts)|schemas\/[a-z_]+\.json|SKILL\.md|references\/tools\.md|README\.md|LICENSE|package\.json)$/;
    expect(files.filter((f) => !allowed.test(f))).toEqual([]);
    expect(files.filter((f) => /^(src|test|bench|scripts|manifest|docs)\/|^dist\/generator\/|\.tgz$|dist-skill/.test(f))).toEqual([]);
    for (const needed of ['bin/gong-connector.js', 'bin/package.json', 'dist/tool-lists/mcp.json', 'dist/index.js', 'dist/index.d.ts', 'dist/cli/main.js', 'dist/skill/build.js', 'dist/skill-bundle/scripts/gong-connector.mjs', 'dist/skill-bundle/SKILL.md', 'SKILL.md', 'LICENSE', 'README.md', 'package.json', 'schemas/index.json', 'references/tools.md']) {
      expect(files).toContain(needed);
    }
    for (const tool of catalog.tools) expect(files).toContain(`schemas/${tool.name}.json`);
    // Every compiled module ships with its declaration file.
    const js = files.filter((f) => f.startsWith('dist/') && f.endsWith('.js'));
    expect(js.filter((f) => !files.includes(f.replace(/\.js$/, '.d.ts')))).toEqual([]);
  });

  it('declares types first in the exports map and a types entry', () => {
    const dot = pkg.exports['.'] as Record<string, string>;
    expect(Object.keys(dot)[0]).toBe('types');
    expect(dot.types).toBe('./dist/index.d.ts');
  });
});

describe('the packed tarball installs into an empty directory and runs (slow)', () => {
  let work: string;
  let app: string;
  let bin: string;
  const env = { PATH: process.env.PATH ?? '', HOME: '' };

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'gong-pack-'));
    env.HOME = work;
    const out = npm(['pack', '--ignore-scripts', '--json', '--pack-destination', work], root);
    const [info] = JSON.parse(out) as Array<{ filename: string }>;
    app = join(work, 'app');
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'empty-app', private: true, type: 'module' }));
    npm(['install', join(work, info!.filename), '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], app);
    bin = join(app, 'node_modules/.bin/gong-connector');
  }, 150_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  const run = (args: string[], cwd = app) => execFileSync(bin, args, { cwd, env, encoding: 'utf8', timeout: 30_000 });

  it('installed only the package and its runtime dependencies', () => {
    const top = readdirSync(join(app, 'node_modules')).filter((d) => !d.startsWith('.'));
    expect(top).toContain('gong-connector');
    for (const dev of ['typescript', 'vitest', 'tsx', '@types']) expect(top).not.toContain(dev);
  });

  it('bin: --version, tools, call --dry-run', () => {
    expect(run(['--version']).trim()).toBe(pkg.version);
    const tools = JSON.parse(run(['tools'])) as Array<{ name: string }>;
    expect(tools.map((t) => t.name)).toEqual(catalog.tools.map((t) => t.name));
    const dry = JSON.parse(run(['call', 'gong_calls_list', '{"from_date_time":"2026-01-01T00:00:00Z"}', '--dry-run']));
    expect(dry).toMatchObject({ dry_run: true, tool: 'gong_calls_list', requests: [expect.objectContaining({ method: 'GET' })] });
  });

  it('skill build works from the installed package (SKILL.md, schemas, LICENSE and the prebuilt runtime are shipped)', () => {
    const result = JSON.parse(run(['skill', 'build', '--out', join(work, 'skill')]));
    expect(result).toMatchObject({ name: 'gong-connector', version: pkg.version });
    expect(result.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    // The build validated the bundle, which ran its runtime with Node alone.
    expect(result.files.map((f: { path: string }) => f.path)).toContain('scripts/gong-connector.mjs');
  });

  it('the library imports through the exports map, with schemas and SKILL.md exported', () => {
    const script = [
      "import { executeTool, tools, catalog } from 'gong-connector';",
      "const schema = import.meta.resolve('gong-connector/schemas/gong_calls_list.json');",
      "const skill = import.meta.resolve('gong-connector/SKILL.md');",
      'console.log(JSON.stringify({ exec: typeof executeTool, tools: tools.length, version: catalog.connector.version, schema, skill }));',
    ].join('\n');
    const out = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: app, env, encoding: 'utf8' }));
    expect(out).toMatchObject({ exec: 'function', tools: catalog.tools.length, version: pkg.version });
    expect(out.schema).toMatch(/node_modules\/gong-connector\/schemas\/gong_calls_list\.json$/);
    expect(out.skill).toMatch(/node_modules\/gong-connector\/SKILL\.md$/);
  });

  it('the types resolve for a NodeNext TypeScript consumer', () => {
    writeFileSync(join(app, 'consumer.ts'), [
      "import { executeTool, createConnector, type ToolResult, type ConnectorOptions } from 'gong-connector';",
      "const options: ConnectorOptions = { rateLimitPerSecond: 3 };",
      "const pending: Promise<ToolResult> = executeTool('gong_calls_list', {}, options);",
      'void pending; void createConnector;',
      "// @ts-expect-error: the tool name is a string",
      'executeTool(42);',
    ].join('\n'));
    writeFileSync(join(app, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', strict: true, noEmit: true, skipLibCheck: true, types: ['node'], typeRoots: [join(root, 'node_modules/@types')] },
      files: ['consumer.ts'],
    }));
    execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', app], { cwd: app, env, encoding: 'utf8' });
  }, 60_000);
});
