// Run by `npm run build` after tsc: writes dist/tool-lists/<format>.json, exactly what
// `gong-connector tools --format <format>` prints to a pipe, so the launcher can serve the tool
// list without loading the CLI (cold start, docs/contracts.md#cold-start). Plain ESM: runs with node alone.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const { catalog } = await import(join(dist, 'catalog', 'catalog.generated.js'));
const { TOOL_FORMATS, toolDefinitions } = await import(join(dist, 'catalog', 'formats.js'));
const { stringifyJson } = await import(join(dist, 'http', 'json.js'));

mkdirSync(join(dist, 'tool-lists'), { recursive: true });
for (const format of TOOL_FORMATS) {
  writeFileSync(join(dist, 'tool-lists', `${format}.json`), `${stringifyJson(toolDefinitions(catalog.tools, format))}\n`);
}
