// Request validation. The sandbox ships without Gong's OpenAPI file (it is reference data, not part of
// the package), so each route declares its request schema with these small builders; a contract test
// compares them with the spec's request schemas. Validators compile lazily on first use, keeping
// start-up fast, and failures become Gong-shaped 400 messages.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';

export type Schema = Record<string, unknown>;

export const str = (extra: Schema = {}): Schema => ({ type: 'string', ...extra });
export const int = (extra: Schema = {}): Schema => ({ type: 'integer', ...extra });
export const num = (): Schema => ({ type: 'number' });
export const bool = (): Schema => ({ type: 'boolean' });
export const enumOf = (...values: string[]): Schema => ({ type: 'string', enum: values });
export const arr = (items: Schema, extra: Schema = {}): Schema => ({ type: 'array', items, ...extra });
/** An object; unknown properties are allowed, as Gong ignores fields it does not know. */
export const obj = (properties: Record<string, Schema>, required: readonly string[] = []): Schema =>
  required.length > 0 ? { type: 'object', properties, required: [...required] } : { type: 'object', properties };
/** Any JSON value (Gong's `object`-typed CRM field values hold strings and numbers too). */
export const any = (): Schema => ({});

let ajv: Ajv | undefined;
const compiled = new WeakMap<Schema, ValidateFunction>();

function where(e: ErrorObject): string {
  const path = e.instancePath
    .split('/')
    .slice(1)
    .map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`))
    .join('')
    .replace(/^\./, '');
  if (e.keyword === 'required') {
    const missing = (e.params as { missingProperty: string }).missingProperty;
    return `${path === '' ? '' : `${path}.`}${missing} is required`;
  }
  if (e.keyword === 'enum') {
    return `${path || 'body'} must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
  }
  return `${path || 'body'} ${e.message ?? 'is invalid'}`;
}

/** Validate a parsed JSON body; returns Gong-style error messages (empty when valid). */
export function validate(schema: Schema, value: unknown): string[] {
  let fn = compiled.get(schema);
  if (!fn) {
    ajv ??= new Ajv({ strict: false, allErrors: true, validateFormats: false });
    fn = ajv.compile(schema);
    compiled.set(schema, fn);
  }
  if (fn(value)) return [];
  return (fn.errors ?? []).slice(0, 5).map(where);
}
