// What every tool definition costs an agent that loads them all: the Anthropic-format list of the
// whole catalogue stays within 15,000 o200k tokens and the median tool within 180 (a size, counted
// with js-tiktoken's bundled o200k ranks, as bench/tokens.ts counts it for `npm run bench`).
import { getEncoding } from 'js-tiktoken';
import { describe, expect, it } from 'vitest';
import { catalog } from '../../../src/catalog/index.js';
import { toolDefinitions } from '../../../src/catalog/formats.js';

const o200k = getEncoding('o200k_base');
const tokens = (value: unknown) => o200k.encode(JSON.stringify(value), [], []).length;

describe('tool definition size', () => {
  const defs = toolDefinitions(catalog.tools, 'anthropic');

  it('all tools in Anthropic format cost at most 15,000 tokens', () => {
    expect(defs).toHaveLength(catalog.tools.length);
    expect(tokens(defs)).toBeLessThanOrEqual(15_000);
  });

  it('the median tool costs at most 180 tokens', () => {
    const each = defs.map(tokens).sort((a, b) => a - b);
    const mid = each.length / 2;
    const median = each.length % 2 === 1 ? each[Math.floor(mid)]! : (each[mid - 1]! + each[mid]!) / 2;
    expect(median).toBeLessThanOrEqual(180);
  });
});
