// Which 404s mean "no results" (src/dispatch/empty.ts), for manifest routes and handlers alike.
import { describe, expect, it } from 'vitest';
import { isNoResults, NO_RESULTS_PATTERN } from '../../../src/dispatch/empty.js';
import { GongError, NotFoundError } from '../../../src/http/errors.js';

const notFound = (...errors: string[]) => new NotFoundError({ message: 'Gong answered 404.', status: 404, errors });

describe('isNoResults', () => {
  it("reads Gong's \"No … found\" 404s as no results, case-insensitively", () => {
    expect(isNoResults(notFound('No calls found corresponding to the provided filters'), NO_RESULTS_PATTERN)).toBe(true);
    expect(isNoResults(notFound('no users found'), NO_RESULTS_PATTERN)).toBe(true);
  });

  it('not other 404s, other errors, or without a pattern', () => {
    expect(isNoResults(notFound('Call 123 does not exist'), NO_RESULTS_PATTERN)).toBe(false);
    expect(isNoResults(notFound(), NO_RESULTS_PATTERN)).toBe(false);
    expect(isNoResults(new GongError({ message: 'x', status: 400, errors: ['No calls found'] }), NO_RESULTS_PATTERN)).toBe(false);
    expect(isNoResults(new Error('No calls found'), NO_RESULTS_PATTERN)).toBe(false);
    expect(isNoResults(notFound('No calls found'), undefined)).toBe(false);
  });

  it("applies a route's own pattern", () => {
    expect(isNoResults(notFound('Flow folder not found'), 'not found')).toBe(true);
    expect(isNoResults(notFound('No calls found'), 'not found')).toBe(false);
  });
});
