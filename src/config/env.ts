// How the connector reads an environment variable: trimmed, and blank means unset (a variable
// exported empty in a shell profile must not count as configured).

export type Env = Readonly<Record<string, string | undefined>>;

export const envValue = (v: string | undefined): string | undefined => (v !== undefined && v.trim() !== '' ? v.trim() : undefined);
