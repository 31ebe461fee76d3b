import { describe, expect, it } from 'vitest';
import {
  AuthRequiredError, AuthenticationError, ConflictError, type GongError, InvalidInputError, NotFoundError,
  PermissionError, RateLimitError, ServerError, errorFromResponse,
} from '../../../src/http/errors.js';
import { connectGongCall } from '../../../src/catalog/index.js';

// The contract text (rendered from manifest/connector.yaml by src/catalog/manage-auth.ts).
const MANAGE_AUTH_CALL = 'manage_auth(action="connect", integration_id="gong", auth_env="GONG_ACCESS_TOKEN")';

const ctx = (status: number, body: unknown, extra: Record<string, unknown> = {}) =>
  errorFromResponse({ status, body, method: 'POST', path: '/v2/calls/extensive', tool: 'gong_calls_get', connectCall: connectGongCall(), ...extra });

describe('status → error class (the one mapping)', () => {
  const table: Array<[number, new (...args: never[]) => GongError, string, number]> = [
    [400, InvalidInputError, 'invalid_input', 2],
    [401, AuthRequiredError, 'auth_required', 3],
    [403, PermissionError, 'permission', 3],
    [404, NotFoundError, 'not_found', 4],
    [405, InvalidInputError, 'invalid_input', 2],
    [409, ConflictError, 'conflict', 1],
    [422, InvalidInputError, 'invalid_input', 2],
    [429, RateLimitError, 'rate_limited', 5],
    [500, ServerError, 'server', 1],
    [503, ServerError, 'server', 1],
  ];
  it.each(table)('%i → %s', (status, cls, code, exit) => {
    const err = ctx(status, { requestId: 'req-1', errors: ['boom'] });
    expect(err).toBeInstanceOf(cls);
    expect(err.code).toBe(code);
    expect(err.exitCode).toBe(exit);
    expect(err.status).toBe(status);
    expect(err.requestId).toBe('req-1');
    expect(err.errors).toEqual(['boom']);
    expect(err.message).toContain('POST /v2/calls/extensive');
    expect(err.toJSON()).toMatchObject({ error: code, status, errors: ['boom'], request_id: 'req-1', tool: 'gong_calls_get' });
  });

  it('every message-bearing field Gong sends reaches the message and the JSON (userFacingError beside errors[])', () => {
    const err = ctx(409, {
      requestId: 'req-409',
      errors: ['Provider disconnected'],
      userFacingError: 'Google Meet is disconnected from Gong. Contact your Gong Admin.',
      helpUrl: 'https://help.gong.io/x',
    });
    expect(err.message).toContain('Provider disconnected');
    expect(err.message).toContain('Google Meet is disconnected from Gong. Contact your Gong Admin.');
    expect(err.toJSON().errors).toEqual(['Provider disconnected', 'Google Meet is disconnected from Gong. Contact your Gong Admin.']);
    const others = ctx(400, { error: 'invalid_request', error_description: 'bad grant', message: 'm1', errorMessage: 'm2', description: 'm3', detail: 'm4' });
    expect(others.errors).toEqual(['invalid_request: bad grant', 'm1', 'm2', 'm3', 'm4']);
    // The same text twice is said once.
    expect(ctx(500, { errors: ['same'], message: 'same' }).errors).toEqual(['same']);
  });

  it('a revoked or expired credential (401) is auth_required, still an AuthenticationError', () => {
    const err = ctx(401, { errors: ['Token expired'] });
    expect(err).toBeInstanceOf(AuthenticationError);
    expect(err.toJSON().error).toBe('auth_required');
  });

  it('a 401 naming a scope is a permission error that names the scope, not a refresh loop', () => {
    const err = ctx(401, { requestId: 'r', errors: ["You don't have permission to use 'api:calls:read:extensive' in your app."] });
    expect(err).toBeInstanceOf(PermissionError);
    expect(err.message).toContain("'api:calls:read:extensive'");
    expect(err.hint).toContain(MANAGE_AUTH_CALL);
  });

  it('401 and 403 carry the manage_auth reconnect call, or the Scalekit link when known', () => {
    expect(ctx(401, { errors: ['bad'] }).hint).toContain(MANAGE_AUTH_CALL);
    expect(ctx(403, {}).hint).toContain(MANAGE_AUTH_CALL);
    const link = 'https://acme.scalekit.test/magic/abc';
    expect(ctx(401, {}, { authorizationLink: link }).hint).toContain(link);
  });

  it('a revoked-token 401 hints at the regional host', () => {
    expect(ctx(401, { errors: ['access token has been revoked'] }).hint).toContain('api_base_url_for_customer');
  });

  it('429 keeps retry_after in seconds', () => {
    const err = ctx(429, { errors: ['Too many'] }, { retryAfterMs: 1_200_000 }) as RateLimitError;
    expect(err.retryAfterMs).toBe(1_200_000);
    expect(err.toJSON().retry_after).toBe(1200);
  });

  it('CRM request-status error objects and OAuth errors become readable messages', () => {
    expect(ctx(400, { errors: [{ line: 3, description: 'bad field' }] }).errors).toEqual(['bad field']);
    expect(ctx(400, { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' }).errors)
      .toEqual(['invalid_grant: Token has been expired or revoked.']);
  });

  it('serialises without anything but its own fields', () => {
    const err = ctx(500, { requestId: 'r', errors: ['x'], secret: 'never-copied' });
    expect(JSON.stringify(err)).not.toContain('never-copied');
    expect(String(err)).not.toContain('never-copied');
  });
});

describe('a missing scope names it and never offers a reconnect that cannot add it', () => {
  const denied = { requestId: 'r', errors: ["You don't have permission to use 'api:logs:read' in your app."] };
  it('a scope the connect call does not request: re-authorise with it, not the same reconnect', () => {
    const err = ctx(401, denied, { tool: 'gong_logs_list', toolScopes: ['api:logs:read'], requestedScopes: ['api:calls:read:basic'] });
    expect(err.message).toContain("'api:logs:read'");
    expect(err.hint).toContain('re-authorised with');
    expect(err.hint).toContain('cannot help');
    expect(err.hint).toContain('--scopes api:logs:read');
  });

  it('a tool needing two scopes names both', () => {
    const err = ctx(401, { errors: ["You don't have permission to use 'api:calls:read:transcript' in your app."] }, {
      tool: 'gong_calls_transcript_text', toolScopes: ['api:calls:read:transcript', 'api:calls:read:extensive'], requestedScopes: ['api:calls:read:transcript', 'api:calls:read:extensive'],
    });
    expect(err.message).toContain("also needs 'api:calls:read:extensive'");
    expect(err.hint).toContain(MANAGE_AUTH_CALL);
  });

  it('a 403 for a tool whose scope is not requested does not loop on the reconnect call', () => {
    const err = ctx(403, {}, { tool: 'gong_logs_list', toolScopes: ['api:logs:read'], requestedScopes: ['api:calls:read:basic'] });
    expect(err.hint).toContain("'api:logs:read'");
    expect(err.hint).toContain('cannot help');
  });
});
