// The environment's credentials are known to the redaction guard before anything can print them.
import { expect, it } from 'vitest';
import { registerEnvSecrets } from '../../../src/config/secrets.js';
import { redactText } from '../../../src/http/redact.js';
import { CANARY } from '../../support/canary.js';

it("GONG_REDIS_URL's password is redacted, on its own and inside the URL", () => {
  const password = `${CANARY}/p@ss`;
  registerEnvSecrets({ GONG_REDIS_URL: `rediss://default:${encodeURIComponent(password)}@redis.example:6380/0` });
  expect(redactText(`connecting with ${password}`)).toBe('connecting with ');
  expect(redactText(`AUTH ${encodeURIComponent(password)}`)).toBe('AUTH ');
  expect(redactText(`url rediss://default:${encodeURIComponent(password)}@redis.example:6380/0`)).not.toContain(CANARY);
});
