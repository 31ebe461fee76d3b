// Checks a skill directory against the Agent Skills spec (skills-ref), Anthropic's extra rules,
// ClawHub's publishing rules (size, slug, semver, forbidden files and paths) and the shape of the
// Polly block, and runs the CLI the skill carries (src/skill/runtime-check.ts). Each finding names its
// rule; errors fail validation, warnings inform.
import { existsSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { listSkillFiles, skillFingerprint, type SkillFile } from './fingerprint.js';
import { parseFrontmatter } from './frontmatter.js';
import { checkRuntime, runnableScripts } from './runtime-check.js';

export const RULES = {
  'skill-md': 'SKILL.md exists at the root of the directory',
  frontmatter: 'SKILL.md starts with YAML frontmatter between --- lines that parses to a mapping',
  'block-yaml': 'the frontmatter is block YAML only: no flow {…}/[…], anchors, aliases or tags (skills-ref uses strictyaml)',
  'allowed-keys': 'top-level frontmatter keys are only name, description, license, compatibility, metadata, allowed-tools',
  name: 'name: 1–64 characters, lowercase letters, digits and single hyphens, not starting or ending with a hyphen',
  'name-dir': 'name equals the directory name',
  description: 'description: a non-empty string of at most 1024 characters',
  compatibility: 'compatibility, if present: a string of 1–500 characters',
  'optional-fields': 'license and allowed-tools, if present, are strings; metadata is a mapping',
  'no-xml': 'no XML tags in name or description, and no < or > anywhere in the frontmatter (Anthropic)',
  'reserved-words': 'name contains neither "anthropic" nor "claude" (Anthropic)',
  'body-lines': 'the SKILL.md body is under 500 lines',
  polly: 'metadata.polly: polly_managed_connector: true, auth[] entries with env, type, integration_id, description (and scopes[]), primaryEnv naming one auth env',
  semver: 'metadata.version is a string holding a valid semantic version (ClawHub)',
  slug: 'the directory name is a valid ClawHub slug: 3–96 chars of [a-z0-9-], no --, not reserved or in a protected namespace',
  'file-size': 'every file is at most 10 MB (ClawHub)',
  'total-size': 'the bundle is at most 50 MB in total (ClawHub)',
  'forbidden-file': 'no skill-card.md (ClawHub generates it and rejects uploads of it)',
  path: "no path contains '..' or a backslash (ClawHub rejects them)",
  'ignore-file': 'no .gitignore, .clawhubignore or .clawdhubignore (ClawHub would apply it, so the files published and the fingerprint would differ from this directory)',
  runtime: 'every file SKILL.md runs as `node <skill-dir>/<file>` is in the bundle and, copied alone to an empty folder, answers --version (metadata.version) and tools (the tools of schemas/index.json) with only Node',
} as const;

export type RuleId = keyof typeof RULES;
export type WarningId = 'skipped' | 'mac-junk' | 'metadata-strings' | 'text-files' | 'clawhub-license' | 'body-tokens' | 'polly-extra' | 'openclaw';

export interface Finding<Id extends string = string> {
  rule: Id;
  message: string;
}

export interface ValidationReport {
  ok: boolean;
  dir: string;
  name: string | undefined;
  version: string | undefined;
  files: number;
  bytes: number;
  /** ClawHub's fingerprint of the files it would upload. */
  fingerprint: string;
  errors: Array<Finding<RuleId>>;
  warnings: Array<Finding<WarningId>>;
}

const MB = 1024 * 1024;
export const MAX_FILE_BYTES = 10 * MB;
export const MAX_TOTAL_BYTES = 50 * MB;
const ALLOWED_KEYS = ['name', 'description', 'license', 'compatibility', 'metadata', 'allowed-tools'];
const NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
// semver.org's regular expression for a valid version.
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;
// ClawHub (convex/lib/skillSlugValidator.ts).
const SLUG = /^[a-z0-9](?:(?!--)[a-z0-9-])*[a-z0-9]$/;
const RESERVED_SLUGS = new Set([
  'about', 'account-banned', 'admin', 'cli', 'dashboard', 'import', 'management', 'orgs', 'packages', 'plugins', 'official',
  'publishers', 'publish', 'publish-plugin', 'publish-skill', 'search', 'settings', 'skills', 'souls', 'stars', 'u', 'upload',
  'users', 'api', 'auth', 'oauth', 'callback', 'login', 'logout', 'signin', 'signout', 'signup', 'register', 'docs', 'doc',
  'help', 'support', 'status', 'health', 'blog', 'news', 'pricing', 'terms', 'privacy', 'legal', 'contact', 'home', 'explore',
  'openclaw', 'clawhub', 'clawd', 'clawdbot', 'onlycrabs', 'soulhub', 'me', 'self', 'system', 'root', 'owner', 'staff', 'team',
  'mod', 'moderator', 'new', 'edit', 'delete', 'create', 'update', 'remove', 'public', 'private', 'internal', 'null',
  'undefined', 'true', 'false',
]);
const PROTECTED_AFFIXES = ['openclaw', 'clawhub', 'clawd', 'clawdbot', 'onlycrabs', 'soulhub', 'official', 'verified', 'staff', 'admin', 'moderator'];
// ClawHub's text-file extensions (packages/schema/src/textFiles.ts).
const TEXT_EXTENSIONS = new Set('md mdx txt json json5 yaml yml toml js cjs mjs ts mts cts tsx jsx py sh ps1 psm1 psd1 r rb go rs swift kt java cs cpp c h hpp sql csv ini cfg env xml html css scss sass svg'.split(' '));
const OPENCLAW_KEYS = new Set(['always', 'skillKey', 'primaryEnv', 'emoji', 'homepage', 'os', 'cliHelp', 'requires', 'install', 'nix', 'config', 'envVars', 'dependencies', 'author', 'links']);
const ENV_NAME = /^[A-Z_][A-Z0-9_]*$/;

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const nonEmptyString = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;

function checkSlug(slug: string): string | undefined {
  if (slug.length < 3 || slug.length > 96) return `the slug '${slug}' (the directory name) must be 3–96 characters long (it has ${slug.length})`;
  if (!SLUG.test(slug)) return `the slug '${slug}' must start and end with a letter or digit and contain only lowercase letters, digits and single hyphens`;
  if (RESERVED_SLUGS.has(slug)) return `the slug '${slug}' is reserved on ClawHub`;
  const affix = PROTECTED_AFFIXES.find((a) => slug.startsWith(`${a}-`) || slug.endsWith(`-${a}`));
  if (affix) return `the slug '${slug}' uses ClawHub's protected '${affix}' namespace`;
  return undefined;
}

function checkPolly(polly: unknown, error: (m: string) => void, warn: (m: string) => void): void {
  if (polly === undefined) return error('metadata.polly is missing; Polly needs it to manage the skill\'s authentication');
  if (!isRecord(polly)) return error('metadata.polly must be a mapping');
  if (polly.polly_managed_connector !== true) error('metadata.polly.polly_managed_connector must be the boolean true');
  const auth = polly.auth;
  const envs: string[] = [];
  if (!Array.isArray(auth) || auth.length === 0) {
    error('metadata.polly.auth must be a non-empty list of auth entries');
  } else {
    auth.forEach((entry, i) => {
      const at = `metadata.polly.auth[${i}]`;
      if (!isRecord(entry)) return error(`${at} must be a mapping`);
      if (!nonEmptyString(entry.env) || !ENV_NAME.test(entry.env)) error(`${at}.env must name an environment variable (UPPER_SNAKE_CASE)`);
      else envs.push(entry.env);
      for (const key of ['type', 'integration_id', 'description'] as const) {
        if (!nonEmptyString(entry[key])) error(`${at}.${key} must be a non-empty string`);
      }
      if (entry.scopes !== undefined && (!Array.isArray(entry.scopes) || !entry.scopes.every(nonEmptyString))) {
        error(`${at}.scopes must be a list of scope names`);
      }
      const extra = Object.keys(entry).filter((k) => !['env', 'type', 'integration_id', 'description', 'scopes'].includes(k));
      if (extra.length) warn(`${at} has keys outside the seed's shape: ${extra.join(', ')}`);
    });
  }
  if (!nonEmptyString(polly.primaryEnv)) error('metadata.polly.primaryEnv must name the primary auth variable');
  else if (envs.length && !envs.includes(polly.primaryEnv)) error(`metadata.polly.primaryEnv '${polly.primaryEnv}' is not one of the auth envs (${envs.join(', ')})`);
  const extra = Object.keys(polly).filter((k) => !['polly_managed_connector', 'auth', 'primaryEnv'].includes(k));
  if (extra.length) warn(`metadata.polly has keys outside the seed's shape: ${extra.join(', ')}`);
}

export function validateSkillDir(dirArg: string): ValidationReport {
  const dir = resolve(dirArg);
  const errors: Array<Finding<RuleId>> = [];
  const warnings: Array<Finding<WarningId>> = [];
  const error = (rule: RuleId, message: string) => { errors.push({ rule, message }); };
  const warn = (rule: WarningId, message: string) => { warnings.push({ rule, message }); };
  const report = (files: SkillFile[], name?: unknown, version?: unknown): ValidationReport => ({
    ok: errors.length === 0,
    dir,
    name: typeof name === 'string' ? name : undefined,
    version: typeof version === 'string' ? version : undefined,
    files: files.length,
    bytes: files.reduce((n, f) => n + f.bytes.length, 0),
    fingerprint: skillFingerprint(files),
    errors,
    warnings,
  });

  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    error('skill-md', `${dirArg} is not a directory`);
    return report([]);
  }
  const { files, skipped } = listSkillFiles(dir);
  const dirName = basename(dir);

  // Files: what ClawHub uploads, its limits and its path rules.
  for (const s of skipped) {
    const name = s.path.split('/').at(-1) ?? '';
    if (['.gitignore', '.clawhubignore', '.clawdhubignore'].includes(name)) {
      error('ignore-file', `${s.path}: ClawHub applies ignore files when it publishes, so what it uploads and its fingerprint would differ from this directory; remove it`);
      continue;
    }
    if (s.path.split('/').some((seg) => seg === '__MACOSX' || seg === '.DS_Store' || seg.startsWith('._'))) warn('mac-junk', `${s.path} is macOS clutter; ClawHub drops it`);
    else warn('skipped', `${s.path} is not uploaded by ClawHub (${s.reason === 'dot-path' ? 'names starting with . are skipped' : s.reason === 'node_modules' ? 'node_modules is skipped' : 'not a regular file'})`);
  }
  let total = 0;
  for (const f of files) {
    total += f.bytes.length;
    if (f.bytes.length > MAX_FILE_BYTES) error('file-size', `${f.path} is ${(f.bytes.length / MB).toFixed(1)} MB; ClawHub's limit is 10 MB per file`);
    if (f.path.includes('..') || f.path.includes('\\')) error('path', `${f.path}: ClawHub rejects paths containing '..' or '\\'`);
    if (f.path.split('/').includes('__MACOSX')) warn('mac-junk', `${f.path} is macOS clutter; ClawHub drops it`);
    if (f.path.toLowerCase() === 'skill-card.md') error('forbidden-file', `${f.path}: skill-card.md is generated by ClawHub and cannot be published`);
    const ext = /\.([^./]+)$/.exec(f.path)?.[1]?.toLowerCase();
    if (!ext || !TEXT_EXTENSIONS.has(ext)) warn('text-files', `${f.path} has no text extension ClawHub recognises; older ClawHub servers accept only text files`);
  }
  if (total > MAX_TOTAL_BYTES) error('total-size', `the bundle is ${(total / MB).toFixed(1)} MB; ClawHub's limit is 50 MB`);
  const slugProblem = checkSlug(dirName);
  if (slugProblem) error('slug', slugProblem);

  // SKILL.md.
  const skillMd = files.find((f) => f.path === 'SKILL.md');
  if (!skillMd) {
    const other = files.find((f) => f.path.toLowerCase() === 'skill.md');
    error('skill-md', other ? `found ${other.path}; name it SKILL.md (Anthropic and ClawHub look for SKILL.md)` : 'SKILL.md is missing at the root of the directory');
    return report(files);
  }
  const fm = parseFrontmatter(skillMd.bytes.toString('utf8'));
  if (!('text' in fm)) {
    error('frontmatter', fm.error);
    return report(files);
  }
  for (const n of fm.nonBlock) error('block-yaml', `the frontmatter uses ${n}; write block YAML only (skills-ref's strictyaml refuses it)`);
  if (fm.data === undefined) {
    error('frontmatter', `the frontmatter is not valid YAML: ${fm.error ?? 'unknown error'}`);
    return report(files);
  }
  const data = fm.data;
  const extra = Object.keys(data).filter((k) => !ALLOWED_KEYS.includes(k));
  if (extra.length) error('allowed-keys', `unexpected top-level keys: ${extra.join(', ')}; only ${ALLOWED_KEYS.join(', ')} are allowed (keep versions and extensions under metadata)`);

  const name = data.name;
  if (!nonEmptyString(name)) {
    error('name', 'name is required and must be a non-empty string');
  } else {
    if (name.length > 64) error('name', `name '${name}' has ${name.length} characters; the limit is 64`);
    if (!NAME.test(name)) error('name', `name '${name}' must use only lowercase letters, digits and single hyphens, and not start or end with a hyphen`);
    if (name.normalize('NFKC') !== dirName.normalize('NFKC')) error('name-dir', `name '${name}' must equal the directory name '${dirName}'`);
    if (/anthropic|claude/i.test(name)) error('reserved-words', `name '${name}' contains a reserved word ("anthropic" or "claude")`);
    if (/<[^>]*>/.test(name)) error('no-xml', 'name contains an XML tag');
  }
  const description = data.description;
  if (!nonEmptyString(description)) error('description', 'description is required and must be a non-empty string');
  else {
    if (description.length > 1024) error('description', `description has ${description.length} characters; the limit is 1024`);
    if (/<\/?[A-Za-z][^>]*>/.test(description)) error('no-xml', 'description contains an XML tag');
  }
  if (/[<>]/.test(fm.text) && !errors.some((e) => e.rule === 'no-xml')) error('no-xml', 'the frontmatter contains < or >; keep them out (Anthropic rejects XML tags)');
  if (data.compatibility !== undefined) {
    if (!nonEmptyString(data.compatibility)) error('compatibility', 'compatibility must be a non-empty string');
    else if (data.compatibility.length > 500) error('compatibility', `compatibility has ${data.compatibility.length} characters; the limit is 500`);
  }
  if (data.license !== undefined && !nonEmptyString(data.license)) error('optional-fields', 'license must be a string (a licence name or a bundled file name)');
  if (data['allowed-tools'] !== undefined && typeof data['allowed-tools'] !== 'string') error('optional-fields', 'allowed-tools must be a space-separated string');
  const metadata = data.metadata;
  if (metadata !== undefined && !isRecord(metadata)) error('optional-fields', 'metadata must be a mapping');
  const meta = isRecord(metadata) ? metadata : {};
  const nested = Object.keys(meta).filter((k) => typeof meta[k] !== 'string');
  if (nested.length) warn('metadata-strings', `metadata values ${nested.join(', ')} are not strings; the spec says string → string (skills-ref stringifies them, OpenClaw and ClawHub read them)`);
  if (data.license !== undefined && data.license !== 'MIT-0') warn('clawhub-license', `license is ${String(data.license)}; ClawHub publishes every skill under MIT-0`);

  const version = meta.version;
  if (version === undefined) error('semver', 'metadata.version is missing; ClawHub versions need a semantic version, kept in metadata.version');
  else if (typeof version !== 'string') error('semver', `metadata.version must be a quoted string (it parsed as ${typeof version} ${String(version)})`);
  else if (!SEMVER.test(version)) error('semver', `metadata.version '${version}' is not a valid semantic version (x.y.z)`);

  checkPolly(meta.polly, (m) => error('polly', m), (m) => warn('polly-extra', m));
  if (isRecord(meta.openclaw)) {
    const unknown = Object.keys(meta.openclaw).filter((k) => !OPENCLAW_KEYS.has(k));
    if (unknown.length) warn('openclaw', `metadata.openclaw has keys ClawHub's schema does not know: ${unknown.join(', ')}`);
  }

  const bodyLines = fm.body.replace(/\n+$/, '').split('\n').length;
  if (bodyLines >= 500) error('body-lines', `the SKILL.md body has ${bodyLines} lines; keep it under 500 (move detail into referenced files)`);
  if (fm.body.length / 4 > 5000) warn('body-tokens', `the SKILL.md body is about ${Math.round(fm.body.length / 4)} tokens; under 5000 is recommended`);

  for (const script of runnableScripts(fm.body)) {
    for (const problem of checkRuntime(files, script, { version: typeof version === 'string' ? version : undefined, tools: indexedTools(files) })) error('runtime', problem);
  }

  return report(files, name, version);
}

/** The tool names schemas/index.json lists, when the bundle has a readable one. */
function indexedTools(files: readonly SkillFile[]): string[] | undefined {
  const index = files.find((f) => f.path === 'schemas/index.json');
  if (!index) return undefined;
  try {
    const tools = (JSON.parse(index.bytes.toString('utf8')) as { tools?: unknown }).tools;
    return Array.isArray(tools) ? tools.map((t) => String((t as { name?: unknown }).name)) : undefined;
  } catch {
    return undefined;
  }
}
