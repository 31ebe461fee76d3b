// Input validation against each tool's JSON Schema. Validators are compiled on first use of a
// tool and cached; ajv itself loads only when a tool is first called.
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { ToolEntry } from '../catalog/types.js';
import { InvalidInputError } from '../http/errors.js';
import { closestNames } from '../util/suggest.js';
import { snapshotInput } from './snapshot.js';

type AjvInstance = { compile(schema: object): ValidateFunction };

let ajvPromise: Promise<AjvInstance> | undefined;
const validators = new Map<string, ValidateFunction>();

/** At most this many problems are listed in one message. */
const MAX_PROBLEMS = 8;

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const EMAIL = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$/;

async function loadAjv(): Promise<AjvInstance> {
  const mod = await import('ajv');
  const Ajv = (mod.default ?? mod) as unknown as new (opts: object) => AjvInstance & {
    addFormat(name: string, f: (s: string) => boolean): void;
  };
  const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true, verbose: true });
  ajv.addFormat('date-time', (s) => DATE_TIME.test(s) && !Number.isNaN(Date.parse(s)));
  ajv.addFormat('date', (s) => DATE.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)));
  ajv.addFormat('email', (s) => EMAIL.test(s));
  ajv.addFormat('uri', (s) => /^https?:\/\/\S+$/i.test(s));
  return ajv;
}

async function validatorFor(tool: ToolEntry): Promise<ValidateFunction> {
  let v = validators.get(tool.name);
  if (!v) {
    ajvPromise ??= loadAjv();
    v = (await ajvPromise).compile(tool.inputSchema);
    validators.set(tool.name, v);
  }
  return v;
}

function fieldName(instancePath: string): string {
  return instancePath
    .split('/')
    .filter(Boolean)
    .map((part, i) => (/^\d+$/.test(part) ? `[${part}]` : i === 0 ? part : `.${part}`))
    .join('');
}

const RULES: Record<string, string> = {
  '^[0-9]{1,20}$': 'a Gong id: 1–20 digits',
  '^([0-9]{1,20}|[^\\s@]+@[^\\s@]+\\.[^\\s@]+)$': "a Gong user id (1–20 digits) or the user's email address",
  '^([0-9]{1,20}|[^\\s@]+@[^\\s@]+)$': 'an email address or a Gong user id (1–20 digits)',
  '^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:?\\d{2}))?$': 'a date YYYY-MM-DD or an ISO 8601 date-time with a zone',
  '^\\d{1,6}(:[0-5]?\\d){0,2}$': 'an offset hh:mm:ss, mm:ss or seconds',
};

function describe(error: ErrorObject, tool: ToolEntry): { field: string; rule: string } {
  const field = fieldName(error.instancePath);
  const params = error.params as Record<string, unknown>;
  const at = (name: string) => (field ? `${field}.${name}` : name);
  switch (error.keyword) {
    case 'required':
      return { field: at(String(params.missingProperty)), rule: 'is required' };
    case 'additionalProperties': {
      const name = String(params.additionalProperty);
      const parent = (error.parentSchema ?? (field === '' ? tool.inputSchema : undefined)) as { properties?: object } | undefined;
      const known = Object.keys(parent?.properties ?? {});
      const near = closestNames(name, known);
      return {
        field: at(name),
        rule: `is not an input of ${tool.name}${near.length ? ` (did you mean ${near.map((n) => `'${n}'`).join(' or ')}?)` : ''}`,
      };
    }
    case 'pattern':
      return { field, rule: `must be ${RULES[String(params.pattern)] ?? `text matching ${String(params.pattern)}`}` };
    case 'format':
      return {
        field,
        rule: params.format === 'date-time'
          ? 'must be an ISO 8601 date-time with a time zone, e.g. 2026-01-31T00:00:00Z'
          : params.format === 'date' ? 'must be a date YYYY-MM-DD' : `must be a valid ${String(params.format)}`,
      };
    case 'enum':
      return { field, rule: `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}` };
    case 'const':
      return { field, rule: `must be ${JSON.stringify(params.allowedValue)}` };
    case 'type':
      return { field, rule: `must be ${String(params.type)}` };
    case 'anyOf':
      return {
        field: field || 'input',
        rule: `needs at least one of ${((tool.inputSchema.anyOf ?? []) as Array<{ required: string[] }>).map((a) => a.required.join('+')).join(', ')}`,
      };
    default:
      return { field: field || 'input', rule: error.message ?? error.keyword };
  }
}

const shorten = (text: string) => (text.length > 80 ? `${text.slice(0, 77)}…` : text);

/** Validate, or throw an InvalidInputError naming every offending field and its rule. */
export async function validateInput(tool: ToolEntry, input: unknown): Promise<Record<string, unknown>> {
  // A fresh plain-JSON copy, read once: everything after this sees only data (snapshot.ts).
  const data = snapshotInput(tool.name, input);
  const validate = await validatorFor(tool);
  if (validate(data)) return data;
  const problems = (validate.errors ?? [])
    // anyOf's inner "required" errors repeat what the anyOf message says.
    .filter((e, _, all) => !(e.keyword === 'required' && e.schemaPath.includes('anyOf') && all.some((x) => x.keyword === 'anyOf')))
    .map((e) => describe(e, tool))
    .map((p) => ({ field: shorten(p.field), rule: p.rule }));
  const unique = [...new Map(problems.map((p) => [`${p.field} ${p.rule}`, p])).values()];
  const first = unique[0] ?? { field: 'input', rule: 'is invalid' };
  const listed = unique.slice(0, MAX_PROBLEMS).map((p) => `${p.field} ${p.rule}`);
  if (unique.length > MAX_PROBLEMS) listed.push(`and ${unique.length - MAX_PROBLEMS} more`);
  throw new InvalidInputError({
    message: `Invalid input for ${tool.name}: ${listed.join('; ')}.`,
    tool: tool.name,
    field: first.field,
    hint: 'Nothing was sent to Gong. Fix the named field(s) and call again; `gong-connector tools` shows every input.',
  });
}
