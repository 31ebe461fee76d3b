// Builds the publishable skill bundle: <out>/<name>/ with SKILL.md at its root, the tool reference
// it points to (references/tools.md, read on demand), the tool schemas, the licence, a README
// saying how it runs, and its runtime: scripts/gong-connector.mjs, the CLI in one file that needs
// only Node (src/skill/runtime.ts). SKILL.md, references/tools.md and the runtime are the bundle
// forms `npm run build` prebuilds in dist/skill-bundle/ (scripts/build-skill-runtime.mjs). Then it
// validates the bundle (the runtime is run too), fingerprints it as ClawHub does and writes a
// deterministic ZIP of it (entries under <name>/) with its SHA-256.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipArchive } from './archive.js';
import { listSkillFiles, sha256Hex, skillFingerprint } from './fingerprint.js';
import { parseFrontmatter, splitSkillMd } from './frontmatter.js';
import { FULL_PACKAGE_HINT, LEFT_OUT, PREBUILT_DIR, RUNTIME_LICENSES_PATH, RUNTIME_PATH } from './runtime.js';
import { validateSkillDir, type Finding, type WarningId } from './validate.js';

export class SkillBuildError extends Error {}

export interface BuildOptions {
  /** Where the bundle directory and archive go (default `dist-skill` in the working directory). */
  outDir: string;
  /** The package root holding SKILL.md, schemas/, LICENSE, package.json and dist/skill-bundle/ (default: this package). */
  root?: string;
}

export interface BuildResult {
  name: string;
  version: string;
  dir: string;
  files: Array<{ path: string; bytes: number; sha256: string }>;
  bytes: number;
  /** ClawHub's fingerprint of the bundle directory. */
  fingerprint: string;
  archive: { path: string; bytes: number; sha256: string };
  /** The JSON file recording all of the above. */
  record: string;
  warnings: Array<Finding<WarningId>>;
}

/** The package root: two levels above this module (src/skill or dist/skill). */
export function packageRoot(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '../..');
}

// What a previous build leaves in the bundle directory; anything else there stops the build.
const BUNDLE_TOP_LEVEL = new Set(['SKILL.md', 'references', 'schemas', 'scripts', 'LICENSE.txt', 'README.md']);

function runtimeReadme(name: string, version: string, tools: number): string {
  return `# ${name} ${version} — how the skill runs

\`SKILL.md\` is the skill; \`references/tools.md\` lists every tool with its scopes. Its tools run
through the CLI this folder carries, \`${RUNTIME_PATH}\`: the ${name} command-line tool
${version} in one file. It needs Node.js 20.19 or newer and nothing else — no \`npm install\`, no
package registry:

    node ${RUNTIME_PATH} tools
    node ${RUNTIME_PATH} call gong_users_list '{}' --sandbox

\`schemas/\` holds the JSON Schema of every tool's input (${tools} tools; \`schemas/index.json\` lists
them with their scopes and annotations), the same definitions \`tools\` prints.

Left out of this file, because the skill does not need them (each answers with an error saying
so): ${LEFT_OUT.map((part) => part.feature).join('; ')}. ${FULL_PACKAGE_HINT}

Credentials come from the environment (see \`SKILL.md\`, First-Time Setup); the connector never
prints them. Licence: MIT, in \`LICENSE.txt\`; the packages inlined in the runtime keep their own
licences, in \`${RUNTIME_LICENSES_PATH}\`.
`;
}

/** The bundle forms `npm run build` prebuilt; a clear error when they are missing or older than SKILL.md. */
function prebuiltParts(root: string, skillMd: Buffer): Map<string, Buffer> {
  const prebuilt = join(root, PREBUILT_DIR);
  const paths = ['SKILL.md', 'references/tools.md', RUNTIME_PATH, RUNTIME_LICENSES_PATH];
  const missing = paths.filter((path) => !existsSync(join(prebuilt, path)));
  if (missing.length > 0) {
    throw new SkillBuildError(`${prebuilt} lacks ${missing.join(', ')}: the bundle's runtime and SKILL.md are built by \`npm run build\` in the repository (it needs the dev dependencies, esbuild among them); run it, or \`npm run build:skill\``);
  }
  const parts = new Map(paths.map((path): [string, Buffer] => [path, readFileSync(join(prebuilt, path))]));
  const frontmatterOf = (text: string) => { const split = splitSkillMd(text); return split.ok ? split.text : undefined; };
  if (frontmatterOf(parts.get('SKILL.md')!.toString('utf8')) !== frontmatterOf(skillMd.toString('utf8'))) {
    throw new SkillBuildError(`${join(prebuilt, 'SKILL.md')} was built from another SKILL.md than ${join(root, 'SKILL.md')}; run \`npm run build\``);
  }
  return parts;
}

function prepareBundleDir(dir: string): void {
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory()) throw new SkillBuildError(`${dir} exists and is not a directory; choose another --out`);
    const unexpected = readdirSync(dir).filter((entry) => !BUNDLE_TOP_LEVEL.has(entry));
    if (unexpected.length > 0) {
      throw new SkillBuildError(`${dir} exists and holds files a skill build does not write (${unexpected.slice(0, 5).join(', ')}); refusing to replace it — choose another --out`);
    }
    rmSync(dir, { recursive: true, force: true });
  }
  for (const sub of ['schemas', 'references', 'scripts']) mkdirSync(join(dir, sub), { recursive: true });
}

export function buildSkill(options: BuildOptions): BuildResult {
  const root = options.root ?? packageRoot();
  const outDir = resolve(options.outDir);
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; version: string };
  const skillMd = readFileSync(join(root, 'SKILL.md'));
  const fm = parseFrontmatter(skillMd.toString('utf8'));
  if (!('data' in fm) || fm.data === undefined) throw new SkillBuildError(`${join(root, 'SKILL.md')} has no readable frontmatter`);
  const name = fm.data.name;
  if (typeof name !== 'string' || name.length === 0) throw new SkillBuildError('SKILL.md has no name');
  const meta = (fm.data.metadata ?? {}) as Record<string, unknown>;
  if (meta.version !== pkg.version) {
    throw new SkillBuildError(`SKILL.md says metadata.version ${JSON.stringify(meta.version)} but package.json says ${pkg.version}; run \`npm run generate\``);
  }
  const schemaNames = readdirSync(join(root, 'schemas')).filter((f) => f.endsWith('.json')).sort();
  const toolCount = schemaNames.filter((f) => f !== 'index.json').length;

  const contents = new Map<string, Buffer>([
    ...prebuiltParts(root, skillMd),
    ['LICENSE.txt', readFileSync(join(root, 'LICENSE'))],
    ['README.md', Buffer.from(runtimeReadme(name, pkg.version, toolCount))],
    ...schemaNames.map((f): [string, Buffer] => [`schemas/${f}`, readFileSync(join(root, 'schemas', f))]),
  ]);

  const dir = join(outDir, name);
  prepareBundleDir(dir);
  for (const [path, bytes] of contents) writeFileSync(join(dir, path), bytes);

  const report = validateSkillDir(dir);
  if (!report.ok) {
    throw new SkillBuildError(`the built bundle ${dir} fails validation:\n${report.errors.map((e) => `  [${e.rule}] ${e.message}`).join('\n')}`);
  }
  const { files } = listSkillFiles(dir);
  const fingerprint = skillFingerprint(files);
  if (fingerprint !== skillFingerprint([...contents].map(([path, bytes]) => ({ path, bytes })))) {
    throw new SkillBuildError(`${dir} does not hold exactly the files written (was it changed during the build?)`);
  }

  const archive = zipArchive(files.map((f) => ({ path: `${name}/${f.path}`, bytes: f.bytes })));
  const archiveName = `${name}-${pkg.version}.zip`;
  const archivePath = join(outDir, archiveName);
  writeFileSync(archivePath, archive);
  const archiveSha = sha256Hex(archive);
  writeFileSync(`${archivePath}.sha256`, `${archiveSha}  ${archiveName}\n`);

  const result: BuildResult = {
    name,
    version: pkg.version,
    dir,
    files: files.map((f) => ({ path: f.path, bytes: f.bytes.length, sha256: sha256Hex(f.bytes) })),
    bytes: report.bytes,
    fingerprint,
    archive: { path: archivePath, bytes: archive.length, sha256: archiveSha },
    record: join(outDir, `${name}-${pkg.version}.fingerprint.json`),
    warnings: report.warnings,
  };
  const { record: _record, warnings: _warnings, ...recorded } = result;
  const relative = { ...recorded, dir: name, archive: { ...recorded.archive, path: archiveName } };
  writeFileSync(result.record, `${JSON.stringify({ fingerprint_algorithm: 'clawhub: sha256 of sorted "<path>:<sha256>" lines', ...relative }, null, 2)}\n`);
  return result;
}
