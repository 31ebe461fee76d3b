// The launcher serves `gong-connector tools [--format F]` from dist/tool-lists/ (prebuilt by
// `npm run build`) without loading the CLI; what it prints must equal the live definitions.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalog } from '../../../src/catalog/catalog.generated.js';
import { TOOL_FORMATS, toolDefinitions } from '../../../src/catalog/formats.js';
import { stringifyJson } from '../../../src/http/json.js';
import { runCli } from '../../support/cli.js';

const root = resolve(import.meta.dirname, '../../..');

describe('prebuilt tool lists', () => {
  it.each(TOOL_FORMATS)('%s: the prebuilt file and the piped CLI output equal the live definitions', async (format) => {
    const live = `${stringifyJson(toolDefinitions(catalog.tools, format))}\n`;
    expect(readFileSync(join(root, 'dist', 'tool-lists', `${format}.json`), 'utf8')).toBe(live);
    expect((await runCli(['tools', '--format', format])).stdout).toBe(live);
    expect((await runCli(['tools', `--format=${format}`])).stdout).toBe(live);
  });

  it('plain `tools` prints the MCP list; filters and unknown formats go through the full CLI', async () => {
    expect((await runCli(['tools'])).stdout).toBe(`${stringifyJson(toolDefinitions(catalog.tools, 'mcp'))}\n`);
    const readOnly = JSON.parse((await runCli(['tools', '--read-only'])).stdout) as Array<{ annotations: { readOnlyHint: boolean } }>;
    expect(readOnly.length).toBeGreaterThan(0);
    expect(readOnly.every((t) => t.annotations.readOnlyHint)).toBe(true);
    const bad = await runCli(['tools', '--format', 'xml']);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    const traversal = await runCli(['tools', '--format', '../../package']);
    expect(traversal.code).toBe(2);
    expect(traversal.stdout).toBe('');
  });
});
