// The contract and sandbox-fidelity suites skip when Gong's spec is absent (a checkout without
// ../shared). In CI it must be there, or those suites would pass by skipping.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';

const SPEC = resolve(import.meta.dirname, '../../../shared/reference/gong-openapi.json');

it.runIf(process.env.CI)('CI has Gong\'s OpenAPI spec beside the repository, so the contract suites run', () => {
  expect(existsSync(SPEC), SPEC).toBe(true);
});
