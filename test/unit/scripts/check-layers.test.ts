// scripts/check-layers.ts, the import-direction check of `npm run lint`, on small made-up graphs:
// each rule fires on the shape it names and stays quiet on a graph that points down.
import { describe, expect, it } from 'vitest';
import { checkLayers, LAYERS, unitOf } from '../../../scripts/check-layers.js';

const graph = (edges: Record<string, string[]>) => new Map(Object.entries(edges));
const rules = (edges: Record<string, string[]>) => checkLayers(graph(edges)).map((v) => v.rule).sort();

describe('the layer check', () => {
  it('passes a graph whose imports all point down', () => {
    expect(checkLayers(graph({
      'cli/main.ts': ['connector.ts', 'mcp/server.ts'],
      'mcp/server.ts': ['connector.ts'],
      'connector.ts': ['dispatch/run.ts', 'config/env.ts'],
      'dispatch/run.ts': ['http/json.ts'],
      'config/env.ts': [],
      'http/json.ts': [],
    }))).toEqual([]);
  });

  it('names a file cycle, even inside one folder', () => {
    const found = checkLayers(graph({ 'dispatch/a.ts': ['dispatch/b.ts'], 'dispatch/b.ts': ['dispatch/a.ts'] }));
    expect(found).toEqual([{ rule: 'cycle', message: 'import cycle between 2 files: dispatch/a.ts, dispatch/b.ts' }]);
  });

  it('names two folders importing each other, and the upward half of the pair', () => {
    expect(rules({ 'config/resolve.ts': ['auth/stored.ts'], 'auth/stored.ts': ['config/env.ts'], 'config/env.ts': [] })).toEqual(['direction', 'mutual']);
  });

  it('refuses an upward import and an import across one row', () => {
    expect(rules({ 'mcp/server.ts': ['cli/io.ts'], 'cli/io.ts': [] })).toEqual(['direction']);
    expect(rules({ 'sandbox/cli.ts': ['skill/build.ts'], 'skill/build.ts': [] })).toEqual(['direction']);
  });

  it('refuses a folder that LAYERS does not place', () => {
    expect(rules({ 'newthing/a.ts': [] })).toEqual(['unplaced']);
  });

  it('places every unit once', () => {
    const all = LAYERS.flat();
    expect(new Set(all).size).toBe(all.length);
    expect(unitOf('connector.ts')).toBe('connector.ts');
    expect(unitOf('dispatch/handlers/x.ts')).toBe('dispatch/');
  });
});
