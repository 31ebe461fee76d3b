// Redaction in one place (src/http/redact.ts) and the canary guard itself.
import { PassThrough } from 'node:stream';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { redactText, redactValue, registerKeyPair, registerSecret } from '../../../src/http/redact.js';
import { AuthenticationError, ConnectionError, GongError, asGongError, errorChannel } from '../../../src/http/errors.js';
import { JsonInteger, stringifyJson } from '../../../src/http/json.js';
import { reportError, type CliIO } from '../../../src/cli/io.js';
import { CANARY, CANARY_KEY, guardStream, scanForCanary, takeLeaks } from '../../support/canary.js';

function captureIO(stderrIsTTY = false): CliIO & { out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => { out += c.toString(); });
  stderr.on('data', (c: Buffer) => { err += c.toString(); });
  return {
    stdout, stderr, stdin: new PassThrough(), env: {}, stdoutIsTTY: false, stderrIsTTY,
    out: () => { scanForCanary('captured stdout', out); return out; },
    err: () => { scanForCanary('captured stderr', err); return err; },
  };
}

describe('the canary guard', () => {
  it('is a unique token set in process.env for this file', () => {
    expect(process.env.GONG_TEST_CANARY).toBe(CANARY);
    expect(CANARY).toMatch(/^gongcanary[0-9a-f]{32}$/);
  });

  it('detects the canary in a guarded stream and in scanned text (self-test, leaks then cleared)', () => {
    const sink = new PassThrough();
    guardStream(sink, 'self-test stream');
    sink.write(`token=${CANARY}\n`);
    expect(scanForCanary('self-test text', `x${CANARY}y`)).toBe(true);
    const leaks = takeLeaks();
    expect(leaks.map((l) => l.where)).toEqual(['self-test stream', 'self-test text']);
    // The report never repeats the token itself.
    expect(leaks.every((l) => !l.excerpt.includes(CANARY) && l.excerpt.includes('<CANARY>'))).toBe(true);
  });

  it('sees every GongError built: published on the error channel, scanned by the setup (self-test)', async () => {
    const seen: unknown[] = [];
    const listener = (message: unknown) => seen.push(message);
    errorChannel.subscribe(listener);
    const error = new GongError({ message: 'deliberate' });
    await Promise.resolve();
    errorChannel.unsubscribe(listener);
    expect(seen).toContain(error);
    // The setup's subscriber scans what is published: a leaking error is recorded, then cleared here.
    errorChannel.publish(new Error(`leaky ${CANARY}`));
    expect(takeLeaks().map((l) => l.where)).toEqual(['Error.message', 'String(Error)', 'inspect(Error)']);
  });
});

describe('redactText / redactValue', () => {
  registerSecret(CANARY);
  registerKeyPair(CANARY_KEY, `${CANARY}secret`);

  it('leaves registered secrets out entirely (no mask, no prefix)', () => {
    expect(redactText(`Bearer ${CANARY}`)).toBe('Bearer ');
    expect(redactText(`a${encodeURIComponent(CANARY)}b`)).toBe('ab');
    const basic = Buffer.from(`${CANARY_KEY}:${CANARY}secret`).toString('base64');
    expect(redactText(`Authorization: Basic ${basic}`)).toBe('Authorization: Basic ');
    expect(redactText('nothing secret here')).toBe('nothing secret here');
  });

  it('drops credential-named keys and redacts strings and keys, keeping exact integers', () => {
    const value = {
      authorization: 'Bearer x',
      headers: { 'X-Api-Key': 'k', accept: 'application/json' },
      note: `with ${CANARY} inside`,
      [`key${CANARY}`]: 1,
      id: new JsonInteger('9223372036854775807'),
      list: [CANARY, 'ok'],
    };
    const out = redactValue(value) as Record<string, unknown>;
    expect(out).toEqual({ headers: { accept: 'application/json' }, note: 'with  inside', key: 1, id: value.id, list: ['', 'ok'] });
    expect(stringifyJson(out)).toContain('"id":9223372036854775807');
  });

  it('survives cycles and shared references', () => {
    const shared = { a: 1 };
    const cyclic: Record<string, unknown> = { shared, again: shared };
    cyclic.self = cyclic;
    expect(redactValue(cyclic)).toEqual({ shared: { a: 1 }, again: { a: 1 }, self: undefined });
  });
});

describe('errors never carry a secret', () => {
  registerSecret(CANARY);

  it('redacts message, errors[], hint and the serialised form', () => {
    const error = new AuthenticationError({
      message: `rejected token ${CANARY}`, errors: [`bad ${CANARY}`], hint: `not ${CANARY}`, status: 401,
    });
    for (const text of [error.message, String(error), JSON.stringify(error), inspect(error, { depth: 5 }), error.stack ?? '']) {
      expect(text).not.toContain(CANARY);
    }
    expect(error.toJSON()).toMatchObject({ error: 'authentication', message: 'rejected token ', errors: ['bad '], hint: 'not ' });
  });

  it('replaces a foreign cause (which may hold headers) by a redacted copy of its name, code and message', () => {
    const foreign = Object.assign(new Error(`request failed for ${CANARY}`), {
      code: 'ERR_BAD_RESPONSE',
      config: { headers: { Authorization: `Bearer ${CANARY}` } },
    });
    const error = new ConnectionError({ message: 'failed', cause: foreign });
    const cause = error.cause as Error & { code?: string; config?: unknown };
    expect(cause).not.toBe(foreign);
    expect(cause.code).toBe('ERR_BAD_RESPONSE');
    expect(cause.config).toBeUndefined();
    expect(inspect(error, { depth: 8 })).not.toContain(CANARY);
  });

  it('wraps anything thrown into a GongError without its details', () => {
    const wrapped = asGongError(Object.assign(new TypeError(`boom ${CANARY}`), { headers: { authorization: CANARY } }), 'in a test');
    expect(wrapped).toBeInstanceOf(GongError);
    expect(wrapped.code).toBe('internal');
    expect(inspect(wrapped, { depth: 8 })).not.toContain(CANARY);
  });

  it('CLI error output (JSON line and prose) passes the guard', () => {
    const error = new AuthenticationError({ message: `token ${CANARY} refused`, status: 401, hint: 'reconnect' });
    const json = captureIO(false);
    expect(reportError(json, error)).toBe(3);
    expect(JSON.parse(json.err())).toMatchObject({ error: 'authentication', message: 'token  refused', status: 401 });
    const tty = captureIO(true);
    reportError(tty, new Error(`internal ${CANARY}`));
    expect(tty.err()).toBe('error: internal \n');
  });
});
