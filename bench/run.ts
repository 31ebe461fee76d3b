// npm run bench: every docs/contracts.md#performance-and-agent-goals figure measured side by side in one run, printed as a table with
// its goal, and written to bench/results.json (bench/results.local.json when only some sections
// run: `npm run bench -- overhead pacing`). Not part of `npm test`. Needs `npm run build` first
// (the script runs it): the benchmarks measure the built package, as users run it.
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { measureBundle } from './bundle.js';
import { measureColdStart } from './cold-start.js';
import { measureContext } from './context.js';
import { measureFleet } from './fleet.js';
import { measureJson } from './json.js';
import { formatTable, type Section } from './lib.js';
import { measureMemory } from './memory.js';
import { measureOverhead } from './overhead.js';
import { measurePacing } from './pacing.js';
import { measureSandbox } from './sandbox.js';
import { measureTranscriptBytes } from './transcript-bytes.js';

const SECTIONS = ['overhead', 'cold-start', 'bundle', 'pacing', 'memory', 'transcript-bytes', 'json', 'sandbox', 'context', 'fleet'] as const;
type Name = (typeof SECTIONS)[number];

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
for (const w of wanted) {
  if (!SECTIONS.includes(w as Name)) {
    process.stderr.write(`Unknown section '${w}'. Sections: ${SECTIONS.join(', ')}.\n`);
    process.exit(2);
  }
}
const run = (name: Name) => wanted.length === 0 || wanted.includes(name);

const sections: Section[] = [];
const started = Date.now();
async function section(name: Name, measure: () => Promise<Section>): Promise<Section | undefined> {
  if (!run(name)) return undefined;
  process.stderr.write(`bench: ${name}…\n`);
  const t0 = Date.now();
  try {
    const s = await measure();
    sections.push(s);
    process.stderr.write(`bench: ${name} done in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
    return s;
  } catch (error) {
    const s: Section = { name, figures: [], skipped: `failed: ${(error as Error).message}` };
    sections.push(s);
    process.stderr.write(`bench: ${name} FAILED: ${(error as Error).stack ?? String(error)}\n`);
    return s;
  }
}

await section('overhead', () => measureOverhead());
await section('cold-start', () => measureColdStart());
await section('bundle', () => measureBundle());
await section('pacing', () => measurePacing());
await section('memory', () => measureMemory());
let samplePage: string | undefined;
await section('transcript-bytes', async () => {
  const s = await measureTranscriptBytes();
  samplePage = s.samplePage;
  return { name: s.name, figures: s.figures };
});
await section('json', async () => {
  if (samplePage === undefined) samplePage = (await measureTranscriptBytes({ calls: 100 })).samplePage;
  return measureJson(samplePage);
});
await section('sandbox', () => measureSandbox());
await section('context', () => measureContext());
await section('fleet', () => measureFleet());

const table = formatTable(sections);
process.stdout.write(`\n${table}\n`);
const missed = sections.flatMap((s) => s.figures.filter((f) => f.met === false).map((f) => f.id));
const failed = sections.filter((s) => s.skipped).map((s) => s.name);
process.stdout.write(`\n${missed.length === 0 ? 'every goal met' : `missed: ${missed.join(', ')}`}${failed.length ? `; not run: ${failed.join(', ')}` : ''}\n`);

const results = {
  generated_at: new Date().toISOString(),
  duration_s: Math.round((Date.now() - started) / 1000),
  machine: { node: process.version, platform: `${process.platform} ${process.arch}`, cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', memory_gb: Math.round(totalmem() / 1024 ** 3) },
  sections,
};
const file = resolve(import.meta.dirname, wanted.length === 0 ? 'results.json' : 'results.local.json');
writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
process.stdout.write(`written to ${file}\n`);
