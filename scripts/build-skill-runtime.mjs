// Run by `npm run build` after tsc: the prebuilt parts of the self-contained skill bundle, in
// dist/skill-bundle/ (src/skill/runtime.ts says what they are; `skill build` assembles the bundle):
// - scripts/gong-connector.mjs: the CLI as one ES module built by esbuild from dist/cli/main.js,
//   every package inlined and only Node's built-ins left as imports, so it runs where only Node is
//   (no npm registry, no node_modules); the parts in LEFT_OUT answer with a clear error instead;
// - scripts/THIRD-PARTY-LICENSES.txt: the licence of every package inlined in it;
// - SKILL.md and references/tools.md rendered from manifest/ for the bundle (the commands run the
//   carried file, not `npx gong-connector`).
// esbuild is a devDependency: this runs only from the repository.
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const runtime = await import(join(dist, 'skill', 'runtime.js'));
const { loadManifest } = await import(join(dist, 'generator', 'manifest.js'));
const { bundledCli, renderSkill, renderToolReference } = await import(join(dist, 'generator', 'skill.js'));

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const out = join(root, runtime.PREBUILT_DIR);
rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'scripts'), { recursive: true });
mkdirSync(join(out, 'references'), { recursive: true });

const outfile = join(out, runtime.RUNTIME_PATH);
const result = await build({
  stdin: { contents: runtime.entrySource(join(dist, 'cli', 'main.js')), resolveDir: root, sourcefile: 'gong-connector-entry.mjs', loader: 'js' },
  absWorkingDir: root,
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // The paths esbuild writes into its comments stay node_modules/… wherever node_modules really is.
  preserveSymlinks: true,
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
  plugins: [runtime.runtimePlugin(root, pkg)],
  banner: {
    js: [
      `// gong-connector ${pkg.version}: the skill bundle's runtime, built by esbuild from the package's compiled CLI`,
      `// (scripts/build-skill-runtime.mjs). Run it with \`node ${runtime.RUNTIME_PATH} --help\`. MIT licence; the packages`,
      `// inlined here keep their own licences, listed in ${runtime.RUNTIME_LICENSES_PATH}.`,
      // Inlined CommonJS packages call require() for Node's built-ins.
      "import { createRequire as __gongCreateRequire } from 'node:module';",
      'const require = __gongCreateRequire(import.meta.url);',
    ].join('\n'),
  },
});
if (result.errors.length > 0 || result.warnings.length > 0) {
  throw new Error(`esbuild reported ${result.errors.length} error(s) and ${result.warnings.length} warning(s) building ${outfile}`);
}

/** The package directory of an input under node_modules (the last node_modules in its path), or undefined. */
function packageDirOf(input) {
  const at = input.lastIndexOf('node_modules/');
  if (at < 0) return undefined;
  const rest = input.slice(at + 'node_modules/'.length).split('/');
  return input.slice(0, at + 'node_modules/'.length) + (rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]);
}

const packages = [...new Set(Object.keys(result.metafile.inputs).map(packageDirOf).filter(Boolean))].sort();
const notices = packages.map((dir) => {
  const meta = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));
  const file = readdirSync(join(root, dir)).find((f) => /^licen[cs]e(\.(md|txt))?$/i.test(f));
  const text = file ? readFileSync(join(root, dir, file), 'utf8').trim() : `(no licence file; package.json says ${meta.license})`;
  return `${meta.name} ${meta.version} — ${meta.license}\n\n${text}\n`;
});
writeFileSync(join(out, runtime.RUNTIME_LICENSES_PATH), [
  `Packages inlined in ${runtime.RUNTIME_PATH} (gong-connector ${pkg.version}, MIT), with their licences.`,
  '',
  ...notices.flatMap((n) => ['='.repeat(78), n]),
].join('\n'));

const { connector, catalog } = loadManifest(root);
const cli = bundledCli(runtime.RUNTIME_PATH);
writeFileSync(join(out, 'SKILL.md'), renderSkill(connector, catalog.tools, cli));
writeFileSync(join(out, 'references', 'tools.md'), renderToolReference(connector, catalog.tools, cli));
