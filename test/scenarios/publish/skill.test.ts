import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSkill, type BuildResult } from '../../../src/skill/build.js';
import { RUNTIME_PATH } from '../../../src/skill/runtime.js';
import { validateSkillDir, type RuleId } from '../../../src/skill/validate.js';
import { runCli } from '../../support/cli.js';

const root = resolve(import.meta.dirname, '../../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
let work: string;
let built: BuildResult;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'gong-skill-'));
  built = buildSkill({ outDir: join(work, 'out') });
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const sha = (b: string | Buffer) => createHash('sha256').update(b).digest('hex');

describe('skill build', () => {
  it('writes gong-connector/ with SKILL.md at its root, the schemas, the licence and the runtime it carries', () => {
    expect(built.dir).toBe(join(work, 'out', 'gong-connector'));
    expect(built.version).toBe(pkg.version);
    const top = readdirSync(built.dir).sort();
    // No package.json: nothing in the bundle is installed with npm.
    expect(top).toEqual(['LICENSE.txt', 'README.md', 'SKILL.md', 'references', 'schemas', 'scripts']);
    expect(readdirSync(join(built.dir, 'scripts')).sort()).toEqual(['THIRD-PARTY-LICENSES.txt', 'gong-connector.mjs']);
    expect(readdirSync(join(built.dir, 'schemas')).sort()).toEqual(readdirSync(join(root, 'schemas')).sort());
    expect(readFileSync(join(built.dir, 'LICENSE.txt'), 'utf8')).toContain('MIT License');
    const licences = readFileSync(join(built.dir, 'scripts', 'THIRD-PARTY-LICENSES.txt'), 'utf8');
    for (const inlined of ['undici', 'ajv', '@modelcontextprotocol/sdk']) expect(licences).toMatch(new RegExp(`^${inlined} \\d+\\.\\d+\\.\\d+ — `, 'm'));
    const readme = readFileSync(join(built.dir, 'README.md'), 'utf8');
    expect(readme).toContain(`node ${RUNTIME_PATH} tools`);
    expect(readme).not.toMatch(/npm install`? (in|here)|npx -y/);
  });

  it('SKILL.md and the tool reference run the carried file, not npx: the repository\'s text in the bundle form', () => {
    const skill = readFileSync(join(built.dir, 'SKILL.md'), 'utf8');
    const repoSkill = readFileSync(join(root, 'SKILL.md'), 'utf8');
    // Same frontmatter (name, version, Polly block) as the repository's SKILL.md.
    expect(skill.slice(0, skill.indexOf('\n---\n'))).toBe(repoSkill.slice(0, repoSkill.indexOf('\n---\n')));
    expect(skill).not.toMatch(/npx|npm install/);
    expect(skill).toContain(`node <skill-dir>/${RUNTIME_PATH} call gong_calls_list`);
    expect(skill).toContain(`node <skill-dir>/${RUNTIME_PATH} auth status`);
    // The runtime leaves Scalekit out, so the bundle's text does not offer it.
    expect(skill).not.toContain('configure Scalekit');
    expect(skill).toContain('the Scalekit transport needs the full gong-connector package');
    expect(repoSkill).toContain('configure Scalekit');
    const tools = readFileSync(join(built.dir, 'references', 'tools.md'), 'utf8');
    expect(tools).not.toContain('npx');
    expect(tools).toContain(`node <skill-dir>/${RUNTIME_PATH} tools <tool>`);
    // The repository's text names the npm form and says how to run it from a clone.
    expect(repoSkill).toContain("npx gong-connector call <tool> '<json>'");
    expect(repoSkill).toContain('node <clone>/bin/gong-connector.js');
  });

  it('the built bundle validates with no errors', () => {
    const report = validateSkillDir(built.dir);
    expect(report.errors).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.name).toBe('gong-connector');
    expect(report.version).toBe(pkg.version);
    // docs/publishing.md names the bundle's warnings: keep the two in step.
    expect(report.warnings.map((w) => w.rule).sort()).toEqual(['clawhub-license', 'metadata-strings']);
  });

  it('the fingerprint equals an independent computation of ClawHub\'s algorithm', () => {
    const collator = new Intl.Collator();
    const paths = (readdirSync(built.dir, { recursive: true }) as string[])
      .map((p) => p.split('\\').join('/'))
      .filter((p) => statSync(join(built.dir, p)).isFile())
      .sort(collator.compare);
    const payload = paths.map((p) => `${p}:${sha(readFileSync(join(built.dir, p)))}`).join('\n');
    expect(built.fingerprint).toBe(sha(payload));
    expect(built.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    // localeCompare order (schemas/… before SKILL.md) differs from byte order: the test would catch a plain sort.
    expect(paths.indexOf('schemas/index.json')).toBeLessThan(paths.indexOf('SKILL.md'));
  });

  it('writes the archive, its .sha256 and the fingerprint record', () => {
    const zip = readFileSync(built.archive.path);
    expect(built.archive.path).toBe(join(work, 'out', `gong-connector-${pkg.version}.zip`));
    expect(built.archive.sha256).toBe(sha(zip));
    expect(readFileSync(`${built.archive.path}.sha256`, 'utf8')).toBe(`${sha(zip)}  gong-connector-${pkg.version}.zip\n`);
    const record = JSON.parse(readFileSync(built.record, 'utf8'));
    expect(record).toMatchObject({ name: 'gong-connector', version: pkg.version, fingerprint: built.fingerprint, archive: { sha256: built.archive.sha256 } });
  });

  it('is deterministic: a second build gives the same fingerprint and the same archive bytes', () => {
    const again = buildSkill({ outDir: join(work, 'again') });
    expect(again.fingerprint).toBe(built.fingerprint);
    expect(again.archive.sha256).toBe(built.archive.sha256);
  });

  const python = spawnSync('python3', ['--version']).status === 0;
  it.skipIf(!python)('the archive is a valid ZIP holding exactly the bundle under gong-connector/ (read by Python\'s zipfile)', () => {
    const listing = execFileSync('python3', ['-c', [
      'import sys, zipfile, hashlib, json',
      'z = zipfile.ZipFile(sys.argv[1])',
      'assert z.testzip() is None',
      'print(json.dumps({i.filename: [hashlib.sha256(z.read(i)).hexdigest(), i.date_time[0]] for i in z.infolist()}))',
    ].join('\n'), built.archive.path], { encoding: 'utf8' });
    const entries = JSON.parse(listing) as Record<string, [string, number]>;
    expect(Object.keys(entries).sort()).toEqual(built.files.map((f) => `gong-connector/${f.path}`).sort());
    for (const f of built.files) expect(entries[`gong-connector/${f.path}`]).toEqual([f.sha256, 1980]);
  });

  it('refuses to overwrite a directory it did not write', () => {
    const out = join(work, 'occupied');
    cpSync(built.dir, join(out, 'gong-connector'), { recursive: true });
    writeFileSync(join(out, 'gong-connector', 'mine.txt'), 'keep me');
    expect(() => buildSkill({ outDir: out })).toThrow(/refusing to replace/);
    expect(readFileSync(join(out, 'gong-connector', 'mine.txt'), 'utf8')).toBe('keep me');
  });

  it('refuses a SKILL.md whose metadata.version differs from package.json', () => {
    const fakeRoot = join(work, 'root');
    for (const f of ['SKILL.md', 'LICENSE', 'schemas', 'references']) cpSync(join(root, f), join(fakeRoot, f), { recursive: true });
    writeFileSync(join(fakeRoot, 'package.json'), JSON.stringify({ name: 'gong-connector', version: '9.9.9' }));
    expect(() => buildSkill({ outDir: join(work, 'stale'), root: fakeRoot })).toThrow(/metadata.version "0\.\d+\.\d+" but package.json says 9\.9\.9/);
  });
});

describe('skill validate: a corrupted bundle fails the rule it breaks', () => {
  let n = 0;
  /** A copy of the good bundle in a directory called `dirName`, changed by `mutate`. */
  function corrupt(mutate: (dir: string, skill: { read(): string; write(s: string): void }) => void, dirName = 'gong-connector'): string {
    const dir = join(work, `bad-${n++}`, dirName);
    cpSync(built.dir, dir, { recursive: true });
    const path = join(dir, 'SKILL.md');
    mutate(dir, { read: () => readFileSync(path, 'utf8'), write: (s) => writeFileSync(path, s) });
    return dir;
  }
  const edit = (from: string | RegExp, to: string) => (_dir: string, s: { read(): string; write(t: string): void }) => {
    const text = s.read();
    const next = text.replace(from, to);
    if (next === text) throw new Error(`test setup: ${String(from)} not found in SKILL.md`);
    s.write(next);
  };

  const cases: Array<[RuleId, string, () => string, RegExp]> = [
    ['skill-md', 'no SKILL.md', () => corrupt((d) => rmSync(join(d, 'SKILL.md'))), /SKILL.md is missing/],
    ['skill-md', 'skill.md in lower case', () => corrupt((d, s) => { const t = s.read(); rmSync(join(d, 'SKILL.md')); writeFileSync(join(d, 'skill.md'), t); }), /name it SKILL.md/],
    ['frontmatter', 'no opening ---', () => corrupt(edit(/^---\n/, '')), /must start with YAML frontmatter/],
    ['frontmatter', 'broken YAML', () => corrupt(edit('license: MIT', 'license: "MIT')), /not valid YAML/],
    ['block-yaml', 'a flow sequence', () => corrupt(edit(/bins:\n\s+- node/, 'bins: [node]')), /flow-style sequence \[…\] at metadata\.openclaw\.requires\.bins/],
    ['block-yaml', 'a flow mapping', () => corrupt(edit(/requires:\n\s+bins:\n\s+- node/, 'requires: {bins: node}')), /flow-style mapping/],
    ['allowed-keys', 'a top-level version', () => corrupt(edit('license: MIT', `license: MIT\nversion: ${pkg.version}`)), /unexpected top-level keys: version/],
    ['allowed-keys', 'a top-level homepage', () => corrupt(edit('license: MIT', 'license: MIT\nhomepage: https://example.com')), /homepage/],
    ['name', 'upper case and underscore', () => corrupt(edit('name: gong-connector', 'name: Gong_Connector')), /lowercase letters, digits and single hyphens/],
    ['name', 'longer than 64', () => corrupt(edit('name: gong-connector', `name: ${'g'.repeat(65)}`), 'g'.repeat(65)), /65 characters; the limit is 64/],
    ['name-dir', 'name differs from the directory', () => corrupt(() => undefined, 'gong-connector-two'), /must equal the directory name 'gong-connector-two'/],
    ['description', 'empty description', () => corrupt(edit(/^description: .*$/m, 'description: ""')), /description is required/],
    ['description', 'description over 1024', () => corrupt(edit(/^description: .*$/m, `description: "${'x'.repeat(1025)}"`)), /1025 characters; the limit is 1024/],
    ['compatibility', 'compatibility over 500', () => corrupt(edit(/^compatibility: .*$/m, `compatibility: "${'y'.repeat(501)}"`)), /501 characters; the limit is 500/],
    ['optional-fields', 'license as a list', () => corrupt(edit('license: MIT', 'license:\n  - MIT')), /license must be a string/],
    ['no-xml', 'an XML tag in the description', () => corrupt(edit(/^description: "/m, 'description: "<b>Gong</b> ')), /description contains an XML tag/],
    ['no-xml', 'angle brackets elsewhere in the frontmatter', () => corrupt(edit('Node.js 20.19 or newer', 'Node.js >= 20.19')), /contains < or >/],
    ['reserved-words', 'claude in the name', () => corrupt(edit('name: gong-connector', 'name: claude-gong'), 'claude-gong'), /reserved word/],
    ['body-lines', 'a body of 500+ lines', () => corrupt((_d, s) => s.write(`${s.read()}${'line\n'.repeat(500)}`)), /keep it under 500/],
    ['polly', 'polly_managed_connector false', () => corrupt(edit('polly_managed_connector: true', 'polly_managed_connector: false')), /polly_managed_connector must be the boolean true/],
    ['polly', 'no polly block', () => corrupt((_d, s) => s.write(s.read().replace(/ {2}polly:\n(?: {4}.*\n)+/, ''))), /metadata\.polly is missing/],
    ['polly', 'an auth entry without integration_id', () => corrupt(edit(/ +integration_id: gong\n/, '')), /auth\[0\]\.integration_id must be a non-empty string/],
    ['polly', 'primaryEnv not among the auth envs', () => corrupt(edit(/( {4})primaryEnv: GONG_ACCESS_TOKEN\n {2}openclaw/, '$1primaryEnv: GONG_TOKEN\n  openclaw')), /primaryEnv 'GONG_TOKEN' is not one of the auth envs/],
    ['semver', 'version 1.0', () => corrupt(edit(/version: "[^"]+"/, 'version: "1.0"')), /'1\.0' is not a valid semantic version/],
    ['semver', 'version unquoted number', () => corrupt(edit(/version: "[^"]+"/, 'version: 1.5')), /must be a quoted string/],
    ['semver', 'no metadata.version', () => corrupt(edit(/ {2}version: "[^"]+"\n/, '')), /metadata\.version is missing/],
    ['slug', 'a protected namespace', () => corrupt(edit('name: gong-connector', 'name: gong-official'), 'gong-official'), /protected 'official' namespace/],
    ['slug', 'too short', () => corrupt(edit('name: gong-connector', 'name: gc'), 'gc'), /3–96 characters/],
    ['slug', 'reserved', () => corrupt(edit('name: gong-connector', 'name: admin'), 'admin'), /reserved on ClawHub/],
    ['file-size', 'a file over 10 MB', () => corrupt((d) => writeFileSync(join(d, 'big.txt'), Buffer.alloc(10 * 1024 * 1024 + 1, 97))), /big\.txt is 10\.0 MB; ClawHub's limit is 10 MB/],
    ['total-size', 'over 50 MB in total', () => corrupt((d) => { for (let i = 0; i < 6; i++) writeFileSync(join(d, `part${i}.txt`), Buffer.alloc(9 * 1024 * 1024, 98)); }), /ClawHub's limit is 50 MB/],
    ['forbidden-file', 'a skill-card.md', () => corrupt((d) => writeFileSync(join(d, 'skill-card.md'), '# card\n')), /generated by ClawHub/],
    ['ignore-file', 'a .gitignore that would hide files', () => corrupt((d) => writeFileSync(join(d, '.gitignore'), 'schemas/gong_briefs_list.json\n')), /ClawHub applies ignore files/],
    ['path', "a path containing '..'", () => corrupt((d) => writeFileSync(join(d, 'notes..md'), 'x\n')), /notes\.\.md: ClawHub rejects paths containing '\.\.'/],
    ['path', 'a backslash in a name', () => corrupt((d) => writeFileSync(join(d, 'a\\b.md'), 'x\n')), /a\\b\.md/],
  ];

  it.each(cases)('%s: %s', (rule, _what, make, message) => {
    const report = validateSkillDir(make());
    expect(report.ok).toBe(false);
    const hit = report.errors.find((e) => e.rule === rule && message.test(e.message));
    expect(hit, JSON.stringify(report.errors, null, 1)).toBeDefined();
  });

  it('warns (without failing) about files ClawHub would skip', () => {
    const dir = corrupt((d) => { writeFileSync(join(d, '.env'), 'X=1\n'); writeFileSync(join(d, '.DS_Store'), ''); });
    const report = validateSkillDir(dir);
    expect(report.ok).toBe(true);
    expect(report.warnings.map((w) => w.rule)).toEqual(expect.arrayContaining(['skipped', 'mac-junk']));
    expect(report.fingerprint).toBe(built.fingerprint);
  });
});

describe('gong-connector skill (CLI)', () => {
  it('build --out prints JSON with the fingerprint and archive SHA-256; validate exits 0 on it', async () => {
    const out = join(work, 'cli');
    const run = await runCli(['skill', 'build', '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.fingerprint).toBe(built.fingerprint);
    expect(result.archive.sha256).toBe(built.archive.sha256);
    const check = await runCli(['skill', 'validate', join(out, 'gong-connector')]);
    expect(check.code).toBe(0);
    expect(JSON.parse(check.stdout)).toMatchObject({ ok: true, errors: [] });
  });

  it('validate exits 1 on a broken bundle and names the rule; usage errors exit 2', async () => {
    const dir = join(work, 'cli-bad', 'gong-connector');
    cpSync(built.dir, dir, { recursive: true });
    writeFileSync(join(dir, 'skill-card.md'), 'x');
    const run = await runCli(['skill', 'validate', dir]);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).errors).toEqual([expect.objectContaining({ rule: 'forbidden-file' })]);
    const usage = await runCli(['skill', 'publish']);
    expect(usage.code).toBe(2);
    expect(JSON.parse(usage.stderr)).toMatchObject({ error: 'usage' });
    expect((await runCli(['skill', '--help'])).stdout).toContain('gong-connector skill validate <dir>');
  });
});

describe('examples that stay true', () => {
  // The sandbox's call ids and "last month" change with today's date, so examples that run
  // against it name no fixed call id or date: they take them from an earlier command.
  it('SKILL.md and the README name no call id or stats date that goes stale against the sandbox', () => {
    const skill = readFileSync(join(root, 'SKILL.md'), 'utf8');
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    expect(skill).not.toMatch(/gong_stats_\w+ '\{"from_date_time":"\d{4}-/);
    expect(skill).toContain(`gong_dates_resolve '{"relative":"last month"}' --sandbox`);
    expect(readme).not.toMatch(/call_ids["']?:\s*\[["']\d{15,}/);
  });
});
