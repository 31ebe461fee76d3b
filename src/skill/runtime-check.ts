// Runs the CLI a skill bundle carries the way an agent meets it: the bundle's files (exactly what
// ClawHub would upload, so never a node_modules) copied into a fresh folder under the system's
// temporary directory, then `node <file> --version` and `node <file> tools` with only Node —
// no NODE_PATH or NODE_OPTIONS, npm's registry pointed at a closed loopback port, no credentials.
// A bundle whose SKILL.md runs a file that is missing, broken or needs packages fails here.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { sha256Hex, type SkillFile } from './fingerprint.js';

/** Files SKILL.md tells the agent to run as `node <skill-dir>/<path>`, in order of first mention. */
export function runnableScripts(body: string): string[] {
  const found = new Set<string>();
  for (const m of body.matchAll(/\bnode <skill-dir>\/([\w./-]+\.(?:mjs|cjs|js))\b/g)) found.add(m[1]!);
  return [...found];
}

export interface RuntimeExpectations {
  /** What `--version` must print (the skill's metadata.version). */
  version: string | undefined;
  /** The tool names `tools` must list (from schemas/index.json), when the bundle has them. */
  tools: readonly string[] | undefined;
}

const TIMEOUT_MS = 60_000;
// Copies of one bundle (the validator's own tests make dozens) share the answer for one runtime file.
const checked = new Map<string, string[]>();

/** What is wrong with running `script` from a copy of `files` with Node alone; empty when it runs. */
export function checkRuntime(files: readonly SkillFile[], script: string, expected: RuntimeExpectations): string[] {
  const runtime = files.find((f) => f.path === script);
  if (!runtime) return [`SKILL.md runs ${script} (\`node <skill-dir>/${script}\`), which the bundle does not hold; rebuild it (\`npm run build:skill\`)`];
  const key = sha256Hex(JSON.stringify([sha256Hex(runtime.bytes), script, expected]));
  const known = checked.get(key);
  if (known) return [...known];
  const problems = runCopy(files, script, expected);
  checked.set(key, problems);
  return [...problems];
}

function runCopy(files: readonly SkillFile[], script: string, expected: RuntimeExpectations): string[] {
  const home = mkdtempSync(join(tmpdir(), 'gong-skill-runtime-'));
  try {
    const dir = join(home, 'skill');
    for (const f of files) {
      mkdirSync(dirname(join(dir, f.path)), { recursive: true });
      writeFileSync(join(dir, f.path), f.bytes);
    }
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: home,
      npm_config_registry: 'http://127.0.0.1:9/',
      npm_config_offline: 'true',
    };
    const run = (args: string[]): { out: string } | { problem: string } => {
      const shown = `node ${script} ${args.join(' ')}`;
      const result = spawnSync(process.execPath, [join(dir, script), ...args], { cwd: dir, env, encoding: 'utf8', timeout: TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 });
      if (result.error) return { problem: `\`${shown}\` could not run with Node alone: ${result.error.message}` };
      if (result.status !== 0) {
        return { problem: `\`${shown}\` fails with Node alone (exit ${String(result.status)}): ${why(result.stderr, dir) ?? `signal ${String(result.signal)}`}` };
      }
      return { out: result.stdout };
    };
    const problems: string[] = [];
    const version = run(['--version']);
    if ('problem' in version) problems.push(version.problem);
    else if (expected.version !== undefined && version.out.trim() !== expected.version) {
      problems.push(`\`node ${script} --version\` prints ${JSON.stringify(version.out.trim().slice(0, 80))}, not the skill's metadata.version ${expected.version}: the runtime is from another build`);
    }
    const tools = run(['tools']);
    if ('problem' in tools) problems.push(tools.problem);
    else {
      const names = toolNames(tools.out);
      if (names === undefined) problems.push(`\`node ${script} tools\` does not print a JSON list of tools`);
      else if (expected.tools !== undefined && [...names].sort().join() !== [...expected.tools].sort().join()) {
        problems.push(`\`node ${script} tools\` lists ${names.length} tools, not the ${expected.tools.length} of schemas/index.json: the runtime is from another build`);
      }
    }
    return problems.map((p) => `${p}; rebuild the bundle (\`npm run build:skill\`)`);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

/** The line of a failed run's stderr that says why: Node's error line or the CLI's JSON error, without the temporary path. */
function why(stderr: string, dir: string): string | undefined {
  const lines = stderr.split('\n').map((line) => line.split(`file://${dir}/`).join('').split(`${dir}/`).join('').trim()).filter(Boolean);
  const line = lines.find((l) => /^([A-Za-z]*Error\b|\{"error")/.test(l)) ?? lines[0];
  return line?.slice(0, 300);
}

function toolNames(text: string): string[] | undefined {
  try {
    const list = JSON.parse(text) as unknown;
    if (!Array.isArray(list) || list.length === 0) return undefined;
    const names = list.map((t) => (t !== null && typeof t === 'object' ? (t as { name?: unknown }).name : undefined));
    return names.every((n): n is string => typeof n === 'string') ? names : undefined;
  } catch {
    return undefined;
  }
}
