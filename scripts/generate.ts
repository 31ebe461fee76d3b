// npm run generate [-- --check]: manifest/ → SKILL.md, schemas/, src/catalog/catalog.generated.ts.
// With --check nothing is written; the exit code is 1 when any generated file is stale.
import { existsSync, mkdirSync, readFileSync, readdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadManifest } from '../src/generator/manifest.js';
import { generatedFiles } from '../src/generator/outputs.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');
const files = generatedFiles(loadManifest(root));

const stale: string[] = [];
for (const [path, content] of files) {
  const full = join(root, path);
  const current = existsSync(full) ? readFileSync(full, 'utf8') : undefined;
  if (current === content) continue;
  stale.push(path);
  if (!check) {
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
}
// Schemas of tools that no longer exist are stale too.
for (const name of existsSync(join(root, 'schemas')) ? readdirSync(join(root, 'schemas')) : []) {
  const path = `schemas/${name}`;
  if (!files.has(path)) {
    stale.push(`${path} (no longer generated)`);
    if (!check) unlinkSync(join(root, path));
  }
}
if (check) {
  if (stale.length > 0) {
    process.stderr.write(`Generated files are stale; run \`npm run generate\`:\n${stale.map((s) => `  ${s}`).join('\n')}\n`);
    process.exit(1);
  }
  process.stdout.write(`Generated files are current (${files.size} files).\n`);
} else {
  process.stdout.write(stale.length ? `Wrote ${stale.length} file(s):\n${stale.map((s) => `  ${s}`).join('\n')}\n` : `Nothing to do (${files.size} files current).\n`);
}
