// Gong-shaped failures raised by route handlers: the server turns them into
// `{ requestId, errors: [...] }` bodies with the given status.

export class GongHttpError extends Error {
  constructor(
    readonly status: number,
    readonly errors: string[],
    /** Extra top-level fields (meetings add userFacingError, fixUrl, helpUrl). */
    readonly extra?: Record<string, unknown>,
  ) {
    super(errors.join('; '));
  }
}

export function badRequest(...errors: string[]): GongHttpError {
  return new GongHttpError(400, errors);
}

export function notFound(...errors: string[]): GongHttpError {
  return new GongHttpError(404, errors);
}

export function conflict(...errors: string[]): GongHttpError {
  return new GongHttpError(409, errors);
}
