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
    expect(await uploadBody('t', 'media_file', 'mediaFile', file('call.MP3'))).toMatchObject({ kind: 'multipart', field: 'mediaFile', contentType: 'audio/mpeg', fileName: 'call.MP3' });
    expect(await uploadBody('t', 'data_file', 'dataFile', file('a.ldjson'))).toMatchObject({ contentType: 'application/x-ndjson' });
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
      ['mediaFile', join(dir, 'rec.mp3'), /links to 'notes.txt'/],
      ['mediaFile', file('empty.wav', ''), /empty/],
      ['mediaFile', join(dir, 'missing.wav'), /not a readable file/],
    ];
    for (const [field, path, why] of cases) {
      const error = await uploadBody('t', 'f', field, path).catch((e: unknown) => e);
      expect(error, path).toBeInstanceOf(InvalidInputError);
      expect((error as Error).message).toMatch(why);
    }
  });
});
