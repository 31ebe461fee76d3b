// gong-connector skill build [--out DIR] | validate <dir>: the publishable skill bundle.
import { parseArgs } from '../args.js';
import { UsageError, writeJson, type CliIO } from '../io.js';

export const SKILL_HELP = `Usage: gong-connector skill build [--out DIR]
       gong-connector skill validate <dir>

build     writes DIR/gong-connector/ (default DIR: ./dist-skill): SKILL.md, references/, schemas/,
          LICENSE.txt, README.md and scripts/gong-connector.mjs, the CLI in one file that runs with
          Node alone (prebuilt with SKILL.md's bundle form by \`npm run build\` in the repository);
          validates it; writes DIR/gong-connector-<version>.zip (deterministic) with a .sha256 file,
          and DIR/gong-connector-<version>.fingerprint.json. Prints the bundle's ClawHub fingerprint
          (SHA-256 of the sorted "<path>:<sha256>" lines) and the archive's SHA-256 as JSON.
validate  checks a skill directory against the Agent Skills spec, Anthropic's rules, ClawHub's
          size, slug, semver and file rules and the metadata.polly block, and runs every file
          SKILL.md runs (\`node <skill-dir>/<file>\`: --version and tools, copied alone to an empty
          folder, with only Node). Prints a JSON report
          (errors and warnings, each naming its rule); exit 0 when valid, 1 when not.
`;

export async function skillCommand(argv: string[], io: CliIO): Promise<number> {
  const { flags, positionals } = parseArgs(argv, { out: 'string', help: 'boolean' });
  const [sub, ...rest] = positionals;
  if (flags.help || sub === 'help') {
    io.stdout.write(SKILL_HELP);
    return 0;
  }
  if (sub === 'build') {
    if (rest.length > 0) throw new UsageError(`Unexpected arguments: ${rest.join(' ')}. Use --out DIR to choose where the bundle goes.`);
    const { buildSkill } = await import('../../skill/build.js');
    const result = buildSkill({ outDir: typeof flags.out === 'string' ? flags.out : 'dist-skill' });
    writeJson(io, result);
    return 0;
  }
  if (sub === 'validate') {
    if (flags.out !== undefined) throw new UsageError('--out belongs to `skill build`.');
    const [dir, ...extra] = rest;
    if (!dir || extra.length > 0) throw new UsageError('Name one directory: gong-connector skill validate <dir>.');
    const { validateSkillDir } = await import('../../skill/validate.js');
    const report = validateSkillDir(dir);
    writeJson(io, report);
    return report.ok ? 0 : 1;
  }
  throw new UsageError(sub === undefined ? 'Name a subcommand: gong-connector skill build|validate <dir>.' : `Unknown skill subcommand '${sub}'. Use build or validate.`);
}
