// Gong's OpenAPI spec as the tests read it: the committed digest spec/gong-openapi.digest.json
// (facts only; scripts/spec-digest.ts writes it), so the contract suites run in every clone with
// nothing beside it. test/unit/scripts/spec-digest.test.ts keeps the digest in step with the full spec.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const DIGEST_FILE = fileURLToPath(new URL('../../spec/gong-openapi.digest.json', import.meta.url));

export interface SpecParameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: Record<string, unknown>;
}
export interface SpecOperation {
  operationId: string;
  /** The OAuth scope the operation's prose states, when it states one. */
  'x-scope'?: string;
  deprecated?: boolean;
  parameters?: SpecParameter[];
  requestBody?: { content: Record<string, { schema: Record<string, unknown> }>; required?: boolean };
  responses: Record<string, { content?: Record<string, { schema: Record<string, unknown> }> }>;
}
export interface Spec {
  paths: Record<string, Partial<Record<HttpMethod, SpecOperation>>>;
  components: { schemas: Record<string, unknown> };
}

export const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
type HttpMethod = (typeof HTTP_METHODS)[number];

let spec: Spec | undefined;
/** The digest, parsed once per test file; callers must not mutate it. */
export function loadSpec(): Spec {
  spec ??= JSON.parse(readFileSync(DIGEST_FILE, 'utf8')) as Spec;
  return spec;
}

/** Every operation, with its method in upper case, in the spec's order. */
export function specOperations(): Array<{ method: string; path: string; op: SpecOperation }> {
  const out: Array<{ method: string; path: string; op: SpecOperation }> = [];
  for (const [p, ops] of Object.entries(loadSpec().paths)) {
    for (const m of HTTP_METHODS) {
      const op = ops[m];
      if (op) out.push({ method: m.toUpperCase(), path: p, op });
    }
  }
  return out;
}
