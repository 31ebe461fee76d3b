// Local files a tool may upload to Gong (call media, CRM data files). An agent names the path, and
// an agent can be prompt-injected: so only files of the kind the upload expects (credentials are
// never audio or line-delimited JSON), only from under the upload folder the user chose (uploads
// are off without one), never anything whose real path passes through a dot folder (~/.ssh,
// ~/.claude agent transcripts, …), and within Gong's size limit. Refusals never name where a link
// points: an agent must not learn the disk's layout by probing.
import { realpath, stat } from 'node:fs/promises';
import { basename, extname, relative, resolve, sep, isAbsolute } from 'node:path';
import { InvalidInputError } from '../http/errors.js';
import type { MultipartBody } from '../transport/types.js';

const MB = 1024 ** 2;

/** Gong's limit per multipart field: media up to 1.5 GB; CRM data files up to 200 MB (manifest/tools/crm.yaml says so). */
const MAX_BYTES: Record<string, { bytes: number; text: string }> = {
  mediaFile: { bytes: 1.5 * 1024 * MB, text: '1.5 GB' },
  dataFile: { bytes: 200 * MB, text: '200 MB' },
};

/** What each multipart field accepts, by extension, with the content type sent. */
const ACCEPTED: Record<string, Record<string, string>> = {
  // Gong's call media formats: WAV, MP3, MP4, MKV, FLAC.
  mediaFile: { '.wav': 'audio/wav', '.mp3': 'audio/mpeg', '.mp4': 'video/mp4', '.mkv': 'video/x-matroska', '.flac': 'audio/flac' },
  // CRM uploads are line-delimited JSON.
  dataFile: { '.ldjson': 'application/x-ndjson', '.jsonl': 'application/x-ndjson', '.ndjson': 'application/x-ndjson' },
};

const hasDotPart = (path: string) => path.split(sep).some((part) => part.startsWith('.'));
const isInside = (path: string, dir: string) => {
  const rel = relative(dir, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
};

/**
 * The multipart body for `filePath`, read only from under `uploadDir` (undefined: uploads are off).
 */
export async function uploadBody(tool: string, inputName: string, field: string, filePath: string, uploadDir: string | undefined): Promise<MultipartBody> {
  const refuse = (message: string, hint?: string) =>
    new InvalidInputError({ message: `${tool}: ${inputName} ${message}`, tool, field: inputName, ...(hint ? { hint } : {}) });
  if (uploadDir === undefined) {
    throw refuse('cannot be read: uploads are off here.', 'Set GONG_UPLOAD_DIR to the folder the files to upload are in (the MCP server allows uploads only then).');
  }
  const accepted = ACCEPTED[field] ?? {};
  const kinds = Object.keys(accepted).join(', ');
  const kindOf = (path: string) => accepted[extname(path).toLowerCase()];
  if (kindOf(filePath) === undefined) {
    throw refuse(`must be a ${kinds} file; '${basename(filePath)}' is not.`, 'Nothing was sent to Gong.');
  }
  const hidden = () => refuse('is a hidden file or inside a hidden folder (a name starting with a dot); such files are never uploaded.', 'Copy the recording or data file to an ordinary folder under the upload folder first.');
  const outside = () => refuse('is outside the upload folder; files are uploaded only from under it.', 'Move the file under the upload folder (GONG_UPLOAD_DIR; by default the current directory).');
  // Judged as written first, so nothing is read from the disk for a path that is refused anyway.
  const written = resolve(filePath);
  if (hasDotPart(written)) throw hidden();
  if (!isInside(written, resolve(uploadDir))) throw outside();
  let real: string;
  let realDir: string;
  let size: number;
  try {
    realDir = await realpath(uploadDir);
    real = await realpath(filePath);
    const info = await stat(real);
    if (!info.isFile()) throw new Error('not a file');
    size = info.size;
  } catch {
    throw refuse(`'${filePath}' is not a readable file.`, 'Pass the path of a local file.');
  }
  // Then where it really is: a link named rec.mp3 to notes.txt, ~/.ssh/... or another folder is refused.
  if (hasDotPart(real)) throw hidden();
  if (!isInside(real, realDir)) throw outside();
  const contentType = kindOf(real);
  if (contentType === undefined) throw refuse(`links to a file that is not a ${kinds} file.`, 'Nothing was sent to Gong.');
  const limit = MAX_BYTES[field] ?? MAX_BYTES.mediaFile!;
  if (size > limit.bytes) throw refuse(`is ${size} bytes; Gong accepts at most ${limit.text}.`);
  if (size === 0) throw refuse('is an empty file.');
  return { kind: 'multipart', field, filePath: real, fileName: basename(real), contentType, size };
}
