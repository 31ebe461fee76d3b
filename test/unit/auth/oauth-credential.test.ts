// The `auth login` credential adopting a token another process wrote: the adopted tokens are
// registered with the redaction guard before they are ever sent.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { oauthCredential } from '../../../src/auth/oauth-credential.js';
import { writeTokenFile, type StoredToken } from '../../../src/auth/token-store.js';
import { redactText } from '../../../src/http/redact.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gc-cred-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const NOW = Date.parse('2026-03-01T12:00:00Z');
const token = (expiresInMs: number): StoredToken => ({
  version: 1,
  access_token: `at-${randomBytes(12).toString('hex')}`,
  refresh_token: `rt-${randomBytes(12).toString('hex')}`,
  expires_at: new Date(NOW + expiresInMs).toISOString(),
  scopes: ['api:users:read'],
  api_base_url_for_customer: 'https://x.api.gong.io',
  client_id: 'app-1',
  token_url: 'http://127.0.0.1:1/oauth2/generate-customer-token',
  saved_at: new Date(NOW - 3_600_000).toISOString(),
});

it("adopts another process's rotated token and registers both of its tokens for redaction", async () => {
  const file = join(dir, 'token.json');
  const mine = token(60_000); // inside the refresh margin: the next use refreshes
  await writeTokenFile(file, mine);
  const credential = oauthCredential({ tokenFile: file, token: mine, env: {}, now: () => NOW });
  // Another process refreshed meanwhile: its tokens were never seen by this one.
  const theirs = token(3_600_000);
  await writeTokenFile(file, theirs);
  expect(redactText(`a ${theirs.access_token} r ${theirs.refresh_token}`)).toContain(theirs.access_token);

  expect(await credential.authorization()).toBe(`Bearer ${theirs.access_token}`);
  expect(credential.refreshCount()).toBe(0);
  expect(redactText(`a ${theirs.access_token} r ${theirs.refresh_token}`)).toBe('a  r ');
});
