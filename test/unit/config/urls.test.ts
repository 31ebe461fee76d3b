// The service-URL rule (src/config/urls.ts) and the three settings that use it: the Gong API
// base URL, Gong's OAuth host and the Scalekit environment URL.
import { describe, expect, it } from 'vitest';
import { oauthEndpoints } from '../../../src/auth/oauth.js';
import { isLoopbackHost, normaliseBaseUrl, normaliseEnvironmentUrl, parseServiceUrl } from '../../../src/config/urls.js';
import { ConfigurationError } from '../../../src/http/errors.js';
import { thrownBy } from '../../support/throws.js';

const refusal = (fn: () => unknown) => thrownBy(fn, ConfigurationError);

describe('isLoopbackHost', () => {
  it.each(['127.0.0.1', '127.255.3.9', 'localhost', 'LOCALHOST', '[::1]'])('%s is loopback', (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });
  it.each(['128.0.0.1', '127.0.0.1.evil.com', 'localhost.evil.com', '[::2]', '10.0.0.1', 'api.gong.io'])('%s is not', (host) => {
    expect(isLoopbackHost(host)).toBe(false);
  });
});

describe('parseServiceUrl', () => {
  const rule = { source: 'X_URL' };

  it('accepts https anywhere and http on loopback, keeping the path without trailing slashes', () => {
    expect(parseServiceUrl(' https://a.example.com/base// ', rule)).toEqual({ origin: 'https://a.example.com', path: '/base' });
    expect(parseServiceUrl('http://127.0.0.1:8080/', rule)).toEqual({ origin: 'http://127.0.0.1:8080', path: '' });
    expect(parseServiceUrl('http://localhost:1', rule).origin).toBe('http://localhost:1');
    expect(parseServiceUrl('http://[::1]:2/p', rule)).toEqual({ origin: 'http://[::1]:2', path: '/p' });
  });

  it.each([
    ['http://gong.example.com', 'must use https'],
    ['http://127.0.0.1.nip.io', 'must use https'],
    ['ftp://127.0.0.1', 'must use https'],
    ['https://user:pw@a.example.com', 'must not contain credentials'],
    ['https://a.example.com/?x=1', 'must not have a query or fragment'],
    ['https://a.example.com/#f', 'must not have a query or fragment'],
    ['not a url', 'is not a URL'],
  ])('refuses %s (%s), naming the setting', (raw, why) => {
    const error = refusal(() => parseServiceUrl(raw, rule));
    expect(error.message).toContain(why);
    expect(error.message.startsWith('X_URL ')).toBe(true);
    expect(error.field).toBe('X_URL');
  });

  it('applies a path policy when one is given, and the example hint when the value is not a URL', () => {
    const strict = { source: 'X_URL', example: 'Use https://x.', paths: { allowed: ['', '/v2'], why: 'must be the host only' } };
    expect(parseServiceUrl('https://a.example.com/v2/', strict).path).toBe('/v2');
    expect(refusal(() => parseServiceUrl('https://a.example.com/v3', strict)).message).toBe("X_URL must be the host only, got path '/v3'.");
    expect(refusal(() => parseServiceUrl('::', strict)).hint).toBe('Use https://x.');
  });
});

describe('the three settings share the rule', () => {
  it('http on a non-loopback host is refused by each', () => {
    for (const check of [
      () => normaliseBaseUrl('http://gong.example.com', 'GONG_API_BASE_URL'),
      () => oauthEndpoints(undefined, { GONG_OAUTH_BASE_URL: 'http://gong.example.com' }),
      () => normaliseEnvironmentUrl('http://sk.example.com', 'SCALEKIT_ENVIRONMENT_URL'),
    ]) {
      expect(refusal(check).message).toContain('must use https (http is allowed only for loopback hosts)');
    }
  });

  it('each keeps its own path policy', () => {
    expect(normaliseBaseUrl('https://x.api.gong.io/v2/', 'GONG_API_BASE_URL')).toBe('https://x.api.gong.io');
    expect(() => normaliseBaseUrl('https://x.api.gong.io/api', 'GONG_API_BASE_URL')).toThrow(/API host only/);
    expect(oauthEndpoints('http://127.0.0.1:9/gong/', {}).tokenUrl).toBe('http://127.0.0.1:9/gong/oauth2/generate-customer-token');
    expect(normaliseEnvironmentUrl('https://org.scalekit.com/env/', 'SCALEKIT_ENV_URL')).toBe('https://org.scalekit.com/env');
  });
});
