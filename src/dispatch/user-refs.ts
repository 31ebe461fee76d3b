// Every user-id input of the catalogue also takes an email: the generator widens the pattern of the
// inputs that hold Gong user ids (isUserIdInput), and before a call runs, emails in those inputs are
// replaced by ids from the cached user directory, each with a note. Ids pass untouched, as strings,
// so no digit is lost; the manifest stays as it is.
import type { JsonSchema, ToolEntry } from '../catalog/types.js';
import { CONVERTERS, type ConvertContext } from './convert.js';

export const ID_PATTERN = '^[0-9]{1,20}$';
/** A Gong user id, or an email address that names one. */
export const USER_ID_OR_EMAIL_PATTERN = '^([0-9]{1,20}|[^\\s@]+@[^\\s@]+\\.[^\\s@]+)$';

/** Input names that hold Gong user ids: user_id(s), primary_user(_ids), reviewed_user_ids, manager_id… */
const USER_ID_NAME = /(^|_)(user|manager)(_ids?)?$/;

/**
 * Whether an id-shaped input holds Gong user ids: by its name, or `id` placed in a path under
 * /v2/users/ (gong_user_get). Only inputs whose schema is the plain id pattern (or an array of it).
 */
export function isUserIdInput(name: string, schema: JsonSchema, placements: readonly string[], routePaths: readonly string[]): boolean {
  const pattern = schema.type === 'array' ? (schema.items as JsonSchema | undefined)?.pattern : schema.pattern;
  if (pattern !== ID_PATTERN) return false;
  if (USER_ID_NAME.test(name)) return true;
  return placements.includes('path.id') && routePaths.length > 0 && routePaths.every((p) => p.startsWith('/v2/users/{id}'));
}

/** The schema of a user-id input once it also takes emails. */
export function widenUserIdSchema(schema: JsonSchema): JsonSchema {
  const note = ' Or an email.';
  const description = typeof schema.description === 'string' ? `${schema.description}${note}` : note.trim();
  if (schema.type === 'array') {
    return { ...schema, items: { ...(schema.items as JsonSchema), pattern: USER_ID_OR_EMAIL_PATTERN }, description };
  }
  return { ...schema, pattern: USER_ID_OR_EMAIL_PATTERN, description };
}

function takesEmails(schema: JsonSchema | undefined): boolean {
  if (!schema) return false;
  const pattern = schema.type === 'array' ? (schema.items as JsonSchema | undefined)?.pattern : schema.pattern;
  return pattern === USER_ID_OR_EMAIL_PATTERN;
}

const hasEmail = (v: unknown) => (Array.isArray(v) ? v.some((x) => String(x).includes('@')) : String(v).includes('@'));

/** The input with every email in a user-id input replaced by the user's id (a note says which). */
export async function resolveUserEmails(
  tool: ToolEntry,
  input: Readonly<Record<string, unknown>>,
  convert: Omit<ConvertContext, 'inputName'>,
): Promise<Record<string, unknown>> {
  const properties = (tool.inputSchema.properties ?? {}) as Record<string, JsonSchema>;
  let out: Record<string, unknown> | undefined;
  for (const [name, value] of Object.entries(input)) {
    if (value === undefined || !takesEmails(properties[name]) || !hasEmail(value)) continue;
    out ??= { ...input };
    out[name] = await CONVERTERS.user_id_or_email!(value, { ...convert, inputName: name });
  }
  return out ?? (input as Record<string, unknown>);
}
