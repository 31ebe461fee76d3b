// What a tool may upload from the local disk.
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { uploadBody } from '../../../src/dispatch/upload.js';
import { InvalidInputError } from '../../../src/http/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'gc-upload-'));
const file = (name: string, text = 'x') => { const p = join(dir, name); writeFileSync(p, text); return p; };

describe('uploads', () => {
  it('accepts the media and data kinds Gong takes, streamed from their real path', async () => {
    expect(await uploadBody('t', 'media_file', 'mediaFile', file('call.MP3'), dir)).toMatchObject({ kind: 'multipart', field: 'mediaFile', contentType: 'audio/mpeg', fileName: 'call.MP3' });
    expect(await uploadBody('t', 'data_file', 'dataFile', file('a.ldjson'), dir)).toMatchObject({ contentType: 'application/x-ndjson' });
  });

  it('refuses other kinds, hidden files, hidden directories and links into them, empty and missing files', async () => {
    mkdirSync(join(dir, '.ssh'), { recursive: true });
    const secret = join(dir, '.ssh', 'id.mp3');
    writeFileSync(secret, 'key');
    symlinkSync(secret, join(dir, 'innocent.mp3'));
    symlinkSync(file('notes.txt'), join(dir, 'rec.mp3'));
    const cases: Array<[string, string, RegExp]> = [
      ['mediaFile', file('token.json'), /must be a \.wav, \.mp3/],
      ['dataFile', file('token.json'), /must be a \.ldjson/],
      ['dataFile', file('x.mp3'), /must be a \.ldjson/],
      ['mediaFile', file('.hidden.mp3'), /hidden/],
      ['mediaFile', secret, /hidden/],
      ['mediaFile', join(dir, 'innocent.mp3'), /hidden/],
      ['mediaFile', join(dir, 'rec.mp3'), /links to a file that is not/],
      ['mediaFile', file('empty.wav', ''), /empty/],
      ['mediaFile', join(dir, 'missing.wav'), /not a readable file/],
    ];
    for (const [field, path, why] of cases) {
      const error = await uploadBody('t', 'f', field, path, dir).catch((e: unknown) => e);
      expect(error, path).toBeInstanceOf(InvalidInputError);
      expect((error as Error).message).toMatch(why);
    }
  });

  it('reads nothing whose real path has a dot folder (agent transcripts), from outside the upload folder, or with uploads off', async () => {
    const transcripts = join(dir, '.claude', 'projects', 'p');
    mkdirSync(transcripts, { recursive: true });
    const session = join(transcripts, 'session.jsonl');
    writeFileSync(session, '{"secret":1}');
    symlinkSync(session, join(dir, 'crm.jsonl'));
    const outside = mkdtempSync(join(tmpdir(), 'gc-outside-'));
    const far = join(outside, 'other.ldjson');
    writeFileSync(far, '{}');
    symlinkSync(far, join(dir, 'near.ldjson'));
    const cases: Array<[string, string | undefined, RegExp]> = [
      [session, dir, /hidden/],
      [join(dir, 'crm.jsonl'), dir, /hidden/],
      [far, dir, /outside the upload folder/],
      [join(dir, 'near.ldjson'), dir, /outside the upload folder/],
      [file('ok.ldjson'), undefined, /uploads are off/],
    ];
    for (const [path, uploadDir, why] of cases) {
      const error = await uploadBody('t', 'f', 'dataFile', path, uploadDir).catch((e: unknown) => e);
      expect(error, path).toBeInstanceOf(InvalidInputError);
      const text = JSON.stringify(error) + (error as Error).message + String((error as InvalidInputError).hint);
      expect((error as Error).message, path).toMatch(why);
      // A refusal names no link target.
      expect(text, path).not.toMatch(/session\.jsonl|\.claude|other\.ldjson|gc-outside/);
    }
  });

  it('holds CRM data files to the 200 MB the tool description states', async () => {
    const { truncateSync } = await import('node:fs');
    const big = file('big.ldjson');
    truncateSync(big, 200 * 1024 * 1024 + 1);
    await expect(uploadBody('t', 'data_file', 'dataFile', big, dir)).rejects.toThrow(/at most 200 MB/);
  });
});
