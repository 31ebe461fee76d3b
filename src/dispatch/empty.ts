// Gong answers some list requests that match nothing with 404 "No calls found …" instead of an
// empty list (docs/gong-api.md#no-results-as-404). Whether a 404 means "no results" is decided here, for the manifest's
// routes (`empty_on_404`, applied in run.ts) and for handlers that send their own requests.
import { NotFoundError } from '../http/errors.js';

/** The pattern `empty_on_404: true` stands for: Gong's "No … found" messages. */
export const NO_RESULTS_PATTERN = '^No ';

/** True when `error` is a 404 whose Gong messages match `pattern` (case-insensitive); false without a pattern. */
export function isNoResults(error: unknown, pattern: string | undefined): error is NotFoundError {
  if (!(error instanceof NotFoundError) || pattern === undefined || pattern === '') return false;
  return new RegExp(pattern, 'i').test(error.errors.join(' '));
}
