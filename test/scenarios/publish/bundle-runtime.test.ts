// The skill bundle runs where only Node is: built once, copied to an empty folder under the system's
// temporary directory (no node_modules anywhere above it), run with no NODE_PATH and npm's registry
// pointed at a closed loopback port — `tools`, `--version`, a sandbox call, the SKILL.md examples as
// written, the MCP server; the parts it leaves out answer with a clear error; `skill validate`
// fails a bundle whose runtime is missing, broken or needs packages.
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalog } from '../../../src/catalog/catalog.generated.js';
import { buildSkill, type BuildResult } from '../../../src/skill/build.js';
import { RUNTIME_PATH, runtimePlugin } from '../../../src/skill/runtime.js';
import { validateSkillDir } from '../../../src/skill/validate.js';
import { runCli } from '../../support/cli.js';

const root = resolve(import.meta.dirname, '../../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; version: string };
let work: string;
let built: BuildResult;
/** The bundle, copied alone to an empty folder. */
let skillDir: string;
let env: Record<string, string>;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'gong-bundle-'));
  built = buildSkill({ outDir: join(work, 'out') });
  skillDir = join(work, 'empty', 'gong-connector');
  cpSync(built.dir, skillDir, { recursive: true });
  env = { PATH: process.env.PATH ?? '', HOME: work, npm_config_registry: 'http://127.0.0.1:9/', npm_config_offline: 'true' };
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

function run(args: string[], extraEnv: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [join(skillDir, RUNTIME_PATH), ...args], { cwd: dirname(skillDir), env: { ...env, ...extraEnv }, encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Starts an MCP server on stdio and returns its answer to `initialize`. */
async function initialize(command: string, args: string[], childEnv: Record<string, string>): Promise<unknown> {
  const child = spawn(command, args, { cwd: work, env: childEnv, stdio: ['pipe', 'pipe', 'pipe'] });
  try {
    const line = await new Promise<string>((resolveLine, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`no answer to initialize from ${args.join(' ')}`)), 30_000);
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('\n')) { clearTimeout(timer); resolveLine(out.slice(0, out.indexOf('\n'))); }
      });
      child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'test', version: '1' } } })}\n`);
    });
    return JSON.parse(line) as unknown;
  } finally {
    child.kill();
  }
}

describe('the bundle\'s runtime, copied to an empty folder, with only Node', () => {
  it('no node_modules is reachable from the copy', () => {
    for (let dir = skillDir; dir !== dirname(dir); dir = dirname(dir)) expect(existsSync(join(dir, 'node_modules')), dir).toBe(false);
    expect(process.env.NODE_PATH ?? '').toBe('');
  });

  it('answers --version and tools', () => {
    const version = run(['--version']);
    expect(version.code, version.stderr).toBe(0);
    expect(version.stdout.trim()).toBe(pkg.version);
    const tools = run(['tools']);
    expect(tools.code, tools.stderr).toBe(0);
    expect((JSON.parse(tools.stdout) as Array<{ name: string }>).map((t) => t.name)).toEqual(catalog.tools.map((t) => t.name));
  });

  it('answers a sandbox call', () => {
    const call = run(['call', 'gong_users_list', '{}', '--sandbox']);
    expect(call.code, call.stderr).toBe(0);
    const result = JSON.parse(call.stdout) as { users: Array<{ id: string }> };
    expect(result.users.length).toBeGreaterThan(0);
    expect(result.users[0]!.id).toMatch(/^\d+$/);
  });

  it('runs the SKILL.md examples as written (with <skill-dir> filled in)', () => {
    const skill = readFileSync(join(skillDir, 'SKILL.md'), 'utf8');
    const runnable = skill.split('\n')
      .filter((line) => line.startsWith('node <skill-dir>/') && line.includes('--sandbox'))
      .map((line) => line.replace('<skill-dir>', skillDir))
      .filter((line) => !/<[a-zA-Z]+>/.test(line)); // lines taking an id from an earlier answer
    expect(runnable.length).toBeGreaterThanOrEqual(2);
    for (const line of runnable) {
      const result = spawnSync('/bin/sh', ['-c', line], { cwd: dirname(skillDir), env, encoding: 'utf8', timeout: 60_000 });
      expect(result.status, `${line}\n${result.stderr}`).toBe(0);
      expect(() => JSON.parse(result.stdout) as unknown).not.toThrow();
    }
  });

  it('serves MCP on stdio (initialize answers)', async () => {
    const answer = await initialize(process.execPath, [join(skillDir, RUNTIME_PATH), 'mcp', '--sandbox'], env);
    expect(answer).toMatchObject({ id: 1, result: { serverInfo: { name: 'gong-connector', version: pkg.version } } });
  });

  it('a left-out part (Scalekit, the skill command) is a clear configuration error naming the full package, not a crash', () => {
    const scalekit = run(['call', 'gong_users_list', '{}'], {
      SCALEKIT_ENVIRONMENT_URL: 'https://example.scalekit.dev', SCALEKIT_CLIENT_ID: 'skc_1', SCALEKIT_CLIENT_SECRET: 'test-secret-value', GONG_IDENTIFIER: 'user-1',
    });
    expect(scalekit.code).toBe(2);
    const error = JSON.parse(scalekit.stderr) as { error: string; message: string; hint: string };
    expect(error).toMatchObject({ error: 'configuration' });
    expect(error.message).toMatch(/^The Scalekit transport \(SCALEKIT_\* settings\) is not part of the skill bundle's runtime/);
    expect(error.hint).toMatch(/full gong-connector package.*clone.*tarball/);
    const skill = run(['skill', 'validate', skillDir]);
    expect(skill.code).toBe(2);
    expect(JSON.parse(skill.stderr)).toMatchObject({ error: 'configuration', message: expect.stringMatching(/skill build\|validate/) });
  });
});

describe('the runtime build leaves out what the skill does not need', () => {
  it('redis (loaded only for GONG_REDIS_URL) becomes a configuration error naming the feature and the full package', async () => {
    // The CLI reaches redis through a dynamic import only when GONG_REDIS_URL is set; the same build
    // plugin on a one-line entry shows what that import meets inside the bundle.
    const outfile = join(work, 'redis-probe', 'probe.mjs');
    await build({
      stdin: { contents: "try { await import('redis'); console.log('loaded'); } catch (e) { console.log(JSON.stringify(e.toJSON())); }", resolveDir: root, loader: 'js' },
      absWorkingDir: root, outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'silent',
      plugins: [runtimePlugin(root, pkg)],
    });
    const result = spawnSync(process.execPath, [outfile], { cwd: dirname(outfile), env, encoding: 'utf8', timeout: 30_000 });
    expect(result.status, result.stderr).toBe(0);
    const error = JSON.parse(result.stdout) as { error: string; message: string; hint: string };
    expect(error.error).toBe('configuration');
    expect(error.message).toMatch(/^Shared limits and tokens in Redis \(GONG_REDIS_URL\) is not part of the skill bundle's runtime/);
    expect(error.hint).toMatch(/full gong-connector package/);
  });
});

describe('the README\'s MCP client config works without the registry', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const configs = [...readme.matchAll(/```json\n(\{\n {2}"mcpServers"[\s\S]*?)```/g)].map((m) => (JSON.parse(m[1]!) as { mcpServers: Record<string, { command: string; args: string[]; env: Record<string, string> }> }).mcpServers.gong!);

  it('shows the clone form (node + bin/gong-connector.js) and the registry form (npx)', () => {
    expect(configs.map((c) => c.command)).toEqual(['node', 'npx']);
    expect(configs[0]!.args[0]).toBe('/abs/path/to/gong-connector/bin/gong-connector.js');
    expect(configs[1]!.args).toContain('gong-connector');
  });

  it('the clone form, and the bundle file in its place, answer initialize', async () => {
    const config = configs[0]!;
    const fromClone = [config.args[0]!.replace('/abs/path/to/gong-connector', root), ...config.args.slice(1)];
    const fromBundle = [join(skillDir, RUNTIME_PATH), ...config.args.slice(1)];
    for (const args of [fromClone, fromBundle]) {
      const answer = await initialize(process.execPath, args, { ...env, ...config.env });
      expect(answer, args[0]).toMatchObject({ id: 1, result: { serverInfo: { name: 'gong-connector' } } });
    }
  });
});

describe('skill validate runs the runtime SKILL.md names', () => {
  let n = 0;
  function broken(mutate: (runtime: string) => void): string {
    const dir = join(work, `broken-${n++}`, 'gong-connector');
    cpSync(built.dir, dir, { recursive: true });
    mutate(join(dir, RUNTIME_PATH));
    return dir;
  }
  const runtimeErrors = (dir: string) => validateSkillDir(dir).errors.filter((e) => e.rule === 'runtime').map((e) => e.message);

  it('the built bundle passes it', () => {
    expect(runtimeErrors(built.dir)).toEqual([]);
  });

  it('fails when the file is missing', () => {
    const errors = runtimeErrors(broken((file) => rmSync(file)));
    expect(errors).toEqual([expect.stringMatching(/^SKILL\.md runs scripts\/gong-connector\.mjs .*which the bundle does not hold; rebuild it/)]);
  });

  it('fails when the file is corrupted (cut in half)', () => {
    const errors = runtimeErrors(broken((file) => { const bytes = readFileSync(file); writeFileSync(file, bytes.subarray(0, bytes.length >> 1)); }));
    expect(errors[0]).toMatch(/^`node scripts\/gong-connector\.mjs --version` fails with Node alone \(exit 1\): .*SyntaxError.*rebuild the bundle/);
  });

  it('fails when the file needs a package (no node_modules is reachable from the copy it runs)', () => {
    const errors = runtimeErrors(broken((file) => appendFileSync(file, "\nawait import('undici');\n")));
    expect(errors[0]).toMatch(/fails with Node alone \(exit 1\): .*(Cannot find package 'undici'|ERR_MODULE_NOT_FOUND)/);
  });

  it('fails when the file is from another build (another version)', () => {
    const errors = runtimeErrors(broken((file) => writeFileSync(file, "process.stdout.write(process.argv[2] === 'tools' ? '[{\"name\":\"x\"}]' : '9.9.9\\n');\n")));
    expect(errors).toEqual([
      expect.stringMatching(/--version` prints "9\.9\.9", not the skill's metadata\.version/),
      expect.stringMatching(/`node scripts\/gong-connector\.mjs tools` lists 1 tools, not the \d+ of schemas\/index\.json/),
    ]);
  });

  it('`gong-connector skill validate` exits 1 and names the runtime rule', async () => {
    const dir = broken((file) => writeFileSync(file, 'throw new Error("broken runtime");\n'));
    const result = await runCli(['skill', 'validate', dir], { timeoutMs: 60_000 });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { ok: boolean; errors: Array<{ rule: string; message: string }> };
    expect(report.ok).toBe(false);
    expect(report.errors).toContainEqual({ rule: 'runtime', message: expect.stringMatching(/fails with Node alone \(exit 1\): .*broken runtime/) });
  });
});
