// npm run lint (last step): the import graph of src/ must point down. Every relative import is read
// — static, type-only, re-exports and dynamic `import('./x.js')` alike, through TypeScript's own
// pre-processor — and the check fails on
//   (a) any cycle between files,
//   (b) any two folders (units) that import each other,
//   (c) any import of a unit that is not below the importer in LAYERS.
// LAYERS is the allowed picture, top to bottom; a unit is a folder of src/ ("dispatch/") or a file
// at its root ("connector.ts"). Units on one row may not import each other. A unit missing from
// LAYERS fails the check, so a new folder has to be placed deliberately.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

export const LAYERS: readonly (readonly string[])[] = [
  ['index.ts'], // the public API names what it exports from below
  ['cli/'], // a face; starts the MCP server and the sandbox
  ['mcp/'], // a face that never imports the CLI
  ['sandbox/', 'skill/', 'generator/'], // apart: used by the CLI and scripts, used by nothing in the core
  ['connector.ts'], // configuration and lifecycle
  ['connection/'], // resolveConfig, option checks, building the transport, auth status and login
  ['dispatch/'], // execute, plans, pager, collector, handlers
  ['pipeline/'], // GongClient.request, limiter, retry, hooks, size cap, resends
  ['transport/'], // moves bytes: direct, Scalekit
  ['auth/'], // credentials, OAuth, token store
  ['state/'], // state shared by processes and machines: the limiter's stores, locks, Redis
  ['render/'], // pure rendering
  ['catalog/'], // the tool catalogue
  ['config/'], // env, defaults, urls
  ['util/'],
  ['http/'], // errors, json, redact, path, clock
  ['version.ts'],
];

export interface Violation {
  rule: 'cycle' | 'mutual' | 'direction' | 'unplaced';
  message: string;
}

/** The unit a path relative to src/ belongs to. */
export function unitOf(file: string): string {
  const parts = file.split('/');
  return parts.length === 1 ? parts[0]! : `${parts[0]!}/`;
}

function rankOf(unit: string): number | undefined {
  const i = LAYERS.findIndex((row) => row.includes(unit));
  return i < 0 ? undefined : i;
}

/** Every .ts file under `dir`, relative to it, with forward slashes. */
function sourceFiles(dir: string, under = ''): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(dir, under)).sort()) {
    const rel = under ? `${under}/${name}` : name;
    if (statSync(join(dir, rel)).isDirectory()) out.push(...sourceFiles(dir, rel));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(rel);
  }
  return out;
}

/** file → the files it imports (relative specifiers only; `.js` resolved to the `.ts` source). */
export function importGraph(srcDir: string): Map<string, string[]> {
  const files = sourceFiles(srcDir);
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const info = ts.preProcessFile(readFileSync(join(srcDir, file), 'utf8'), true, true);
    const targets = new Set<string>();
    for (const { fileName } of info.importedFiles) {
      if (!fileName.startsWith('.')) continue;
      const abs = resolve(srcDir, dirname(file), fileName);
      const rel = relative(srcDir, abs).split('\\').join('/');
      const candidates = [rel.replace(/\.js$/, '.ts'), `${rel}.ts`, `${rel}/index.ts`];
      const hit = candidates.find((c) => known.has(c));
      if (hit) targets.add(hit);
    }
    graph.set(file, [...targets].sort());
  }
  return graph;
}

/** Strongly connected components with more than one file (or a file importing itself). */
function cycles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next);
    next += 1;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(component.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

export function checkLayers(graph: Map<string, string[]>): Violation[] {
  const violations: Violation[] = [];
  for (const component of cycles(graph)) {
    violations.push({ rule: 'cycle', message: `import cycle between ${component.length} files: ${component.join(', ')}` });
  }
  // unit → unit → the first file import that shows it
  const edges = new Map<string, Map<string, string>>();
  for (const [file, targets] of graph) {
    for (const target of targets) {
      const from = unitOf(file);
      const to = unitOf(target);
      if (from === to) continue;
      const row = edges.get(from) ?? new Map<string, string>();
      if (!row.has(to)) row.set(to, `${file} → ${target}`);
      edges.set(from, row);
    }
  }
  const units = new Set([...graph.keys()].map(unitOf));
  for (const unit of [...units].sort()) {
    if (rankOf(unit) === undefined) violations.push({ rule: 'unplaced', message: `src/${unit} has no place in LAYERS (scripts/check-layers.ts)` });
  }
  for (const [from, row] of [...edges].sort(([a], [b]) => a.localeCompare(b))) {
    for (const [to, example] of [...row].sort(([a], [b]) => a.localeCompare(b))) {
      const back = edges.get(to)?.get(from);
      if (back && from < to) violations.push({ rule: 'mutual', message: `${from} and ${to} import each other (${example}; ${back})` });
      const a = rankOf(from);
      const b = rankOf(to);
      if (a !== undefined && b !== undefined && b <= a) {
        violations.push({ rule: 'direction', message: `${from} may not import ${to}, which is ${b === a ? 'on the same row' : 'above it'} (${example})` });
      }
    }
  }
  return violations;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const srcDir = resolve(dirname(fileURLToPath(import.meta.url)), '../src');
  const graph = importGraph(srcDir);
  const violations = checkLayers(graph);
  const imports = [...graph.values()].reduce((n, t) => n + t.length, 0);
  if (violations.length === 0) {
    process.stdout.write(`layers: ${graph.size} files, ${imports} imports; no cycles, no folder pairs, every import points down\n`);
  } else {
    for (const v of violations) process.stderr.write(`layers: ${v.rule}: ${v.message}\n`);
    process.stderr.write(`layers: ${violations.length} problem(s) in ${graph.size} files\n`);
    process.exitCode = 1;
  }
}
