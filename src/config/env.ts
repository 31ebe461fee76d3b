// How the connector reads an environment variable: trimmed, and blank means unset (a variable
// exported empty in a shell profile must not count as configured).

export type Env = Readonly<Record<string, string | undefined>>;

export const envValue = (v: string | undefined): string | undefined => (v !== undefined && v.trim() !== '' ? v.trim() : undefined);

/**
 * The folder upload tools may read: `explicit` (false: uploads off), else GONG_UPLOAD_DIR, else
 * `fallback` (the CLI and library: the current directory; the MCP server: none, so uploads are off).
 */
export function uploadDirFrom(explicit: string | false | undefined, env: Env, fallback: string | undefined): string | undefined {
  if (explicit === false) return undefined;
  return explicit ?? envValue(env.GONG_UPLOAD_DIR) ?? fallback;
}
