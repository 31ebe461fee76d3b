// The committed digest of Gong's spec (spec/gong-openapi.digest.json) must be what
// scripts/spec-digest.ts makes of the full spec. The full spec is not part of the repository; when
// it is absent this is the one test that skips, and its name says why.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FULL_SPEC_PATH, digestSpec, digestText } from '../../../scripts/spec-digest.js';
import { DIGEST_FILE, loadSpec } from '../../support/spec.js';

const haveFull = existsSync(FULL_SPEC_PATH);

describe('the committed spec digest', () => {
  it.skipIf(!haveFull)(`matches the full spec${haveFull ? '' : ` (SKIPPED: the full spec is not at ${FULL_SPEC_PATH}, so drift cannot be checked here)`}`, () => {
    const fresh = digestText(JSON.parse(readFileSync(FULL_SPEC_PATH, 'utf8')) as Record<string, unknown>);
    expect(readFileSync(DIGEST_FILE, 'utf8') === fresh, 'spec/gong-openapi.digest.json is stale: run npm run spec:digest').toBe(true);
  });

  it('holds facts only: no prose, no examples, and every $ref resolves', () => {
    const text = readFileSync(DIGEST_FILE, 'utf8');
    for (const key of ['"description"', '"summary"', '"example"', '"exampleSetFlag"']) {
      // A property may be *named* description; as a schema keyword it must be gone.
      expect(text.includes(`${key}: "`) || text.includes(`${key}:"`), key).toBe(false);
    }
    const names = new Set(Object.keys(loadSpec().components.schemas));
    const refs = [...text.matchAll(/"\$ref": ?"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(0);
    expect(refs.filter((r) => !names.has(r))).toEqual([]);
  });

  it('the digester drops prose at every level but keeps property names, scopes and schemas', () => {
    const digest = digestSpec({
      openapi: '3.0.1',
      info: { title: 'x', description: 'long prose' },
      paths: {
        '/v2/things/{id}': {
          get: {
            summary: 'Get a thing', description: 'Needs api:things:read.', operationId: 'getThing', tags: ['t'],
            parameters: [{ name: 'id', in: 'path', required: true, description: 'the id', style: 'SIMPLE', example: '7', schema: { type: 'integer', exampleSetFlag: false } }],
            responses: { 200: { description: 'OK', content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } } },
          },
        },
      },
      components: {
        schemas: {
          Thing: { type: 'object', description: 'a thing', properties: { description: { type: 'string', example: 'x' }, part: { $ref: '#/components/schemas/Part' } } },
          Part: { type: 'string', enum: ['A'] },
          Unused: { type: 'string' },
        },
      },
    });
    expect(digest.paths).toEqual({
      '/v2/things/{id}': {
        get: {
          'x-scope': 'api:things:read',
          operationId: 'getThing',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
          responses: { 200: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } } },
        },
      },
    });
    expect(digest.components).toEqual({
      schemas: {
        Thing: { type: 'object', properties: { description: { type: 'string' }, part: { $ref: '#/components/schemas/Part' } } },
        Part: { type: 'string', enum: ['A'] },
      },
    });
  });
});
