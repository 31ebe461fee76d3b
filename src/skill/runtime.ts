// The skill bundle's runtime: one ES module file, built by scripts/build-skill-runtime.mjs with
// esbuild from the compiled CLI (dist/cli/main.js), that runs with Node alone. What it leaves out
// and why lives here, beside the entry and the esbuild plugin the build script uses, so the build,
// `skill build` (src/skill/build.ts) and the checks agree on one description.
import { join } from 'node:path';
import type { Plugin } from 'esbuild';

/** Where the bundle carries the runtime, relative to the skill directory. */
export const RUNTIME_PATH = 'scripts/gong-connector.mjs';
/** The licences of the packages inlined in the runtime, beside it. */
export const RUNTIME_LICENSES_PATH = 'scripts/THIRD-PARTY-LICENSES.txt';
/** Where `npm run build` leaves the bundle's prebuilt parts (runtime, bundle-form SKILL.md), under the package root. */
export const PREBUILT_DIR = 'dist/skill-bundle';

export interface LeftOut {
  /** The import specifier esbuild replaces with a stub: a package name, or a path under dist/. */
  specifier: string;
  /** What needs it, in words for the user (a phrase that can follow a comma). */
  feature: string;
}

/**
 * Parts the skill does not need, kept out of the runtime (each is reached only through a dynamic
 * import, so leaving one out costs nothing until it is used): the Scalekit SDK (axios, connect,
 * protobuf), node-redis, and the `skill` command (the skill tooling and its YAML parser).
 */
export const LEFT_OUT: readonly LeftOut[] = [
  { specifier: '@scalekit-sdk/node', feature: 'the Scalekit transport (SCALEKIT_* settings)' },
  { specifier: 'redis', feature: 'shared limits and tokens in Redis (GONG_REDIS_URL)' },
  { specifier: 'dist/cli/commands/skill.js', feature: '`gong-connector skill build|validate`' },
];

/** How to get what the runtime leaves out. */
export const FULL_PACKAGE_HINT =
  'Run the full gong-connector package instead: from a clone of its repository (`npm install`, then `node <clone>/bin/gong-connector.js …`), '
  + 'from a packed tarball (`npm install ./gong-connector-<version>.tgz`, then `npx gong-connector …`), or, once it is published, `npx gong-connector …`.';

/** The message a left-out part answers with when it is reached. */
export function leftOutMessage(part: LeftOut): string {
  return `${part.feature.charAt(0).toUpperCase()}${part.feature.slice(1)} is not part of the skill bundle's runtime (${RUNTIME_PATH}), which carries only what the skill needs.`;
}

/**
 * The module esbuild puts in place of a left-out part: evaluated only when the part is first
 * imported, it throws the connector's ConfigurationError (exit code 2, the usual JSON error).
 * `errorsModule` is the absolute path of the compiled dist/http/errors.js, the same module the
 * rest of the runtime uses, so the error is one the CLI reports like any other.
 */
function stubSource(part: LeftOut, errorsModule: string): string {
  return [
    `import { ConfigurationError } from ${JSON.stringify(errorsModule)};`,
    `throw new ConfigurationError({ message: ${JSON.stringify(leftOutMessage(part))}, hint: ${JSON.stringify(FULL_PACKAGE_HINT)} });`,
    '',
  ].join('\n');
}

/**
 * The runtime's entry, as bin/gong-connector.js runs the CLI: the exit code from main(), a closed
 * pipe ending the program quietly. `mainModule` is the absolute path of dist/cli/main.js.
 * @public scripts/build-skill-runtime.mjs imports it from dist/.
 */
export function entrySource(mainModule: string): string {
  return [
    `import { main } from ${JSON.stringify(mainModule)};`,
    'for (const stream of [process.stdout, process.stderr]) {',
    "  stream.on('error', (err) => { if (err && err.code === 'EPIPE') process.exit(process.exitCode ?? 0); else throw err; });",
    '}',
    'main(process.argv.slice(2)).then(',
    '  (code) => { process.exitCode = code; },',
    "  (err) => { process.stderr.write(`gong-connector: ${err && err.message ? err.message : String(err)}\\n`); process.exitCode = 1; },",
    ');',
    '',
  ].join('\n');
}

/** The module esbuild puts in place of dist/version.js, which reads package.json beside dist/ (absent in the bundle). */
function versionSource(name: string, version: string): string {
  return `export const PACKAGE_NAME = ${JSON.stringify(name)};\nexport const PACKAGE_VERSION = ${JSON.stringify(version)};\n`;
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * The esbuild plugin of the runtime build: every LEFT_OUT part becomes its stub, dist/version.js
 * the package's name and version. `root` is the package root (dist/ under it). esbuild is a
 * devDependency: only the type is imported here, the build script brings esbuild itself.
 * @public scripts/build-skill-runtime.mjs imports it from dist/.
 */
export function runtimePlugin(root: string, pkg: { name: string; version: string }): Plugin {
  const errorsModule = join(root, 'dist', 'http', 'errors.js');
  return {
    name: 'gong-connector-runtime',
    setup(b) {
      for (const part of LEFT_OUT) {
        const contents = stubSource(part, errorsModule);
        if (part.specifier.startsWith('dist/')) {
          b.onLoad({ filter: new RegExp(`^${escapeRegExp(join(root, part.specifier))}$`) }, () => ({ contents, loader: 'js', resolveDir: root }));
        } else {
          const exact = new RegExp(`^${escapeRegExp(part.specifier)}$`);
          b.onResolve({ filter: exact }, () => ({ path: part.specifier, namespace: 'left-out' }));
          b.onLoad({ filter: exact, namespace: 'left-out' }, () => ({ contents, loader: 'js', resolveDir: root }));
        }
      }
      b.onLoad({ filter: new RegExp(`^${escapeRegExp(join(root, 'dist', 'version.js'))}$`) }, () => ({ contents: versionSource(pkg.name, pkg.version), loader: 'js' }));
    },
  };
}
