// Local files a tool may upload to Gong (call media, CRM data files). An agent names the path, and
// an agent can be prompt-injected: so only files of the kind the upload expects (credentials are
// never audio or line-delimited JSON), never hidden files, nothing inside the directories where
// credentials live (~/.ssh, ~/.config with the token file, …), and within Gong's size limit.
import { realpath, stat } from 'node:fs/promises';
import { basename, extname, sep } from 'node:path';
import { InvalidInputError } from '../http/errors.js';
import type { MultipartBody } from '../transport/types.js';

/** Gong's media and upload limit. */
export const MAX_UPLOAD_BYTES = 1.5 * 1024 ** 3;

/** What each multipart field accepts, by extension, with the content type sent. */
const ACCEPTED: Record<string, Record<string, string>> = {
  // Gong's call media formats: WAV, MP3, MP4, MKV, FLAC.
  mediaFile: { '.wav': 'audio/wav', '.mp3': 'audio/mpeg', '.mp4': 'video/mp4', '.mkv': 'video/x-matroska', '.flac': 'audio/flac' },
  // CRM uploads are line-delimited JSON.
  dataFile: { '.ldjson': 'application/x-ndjson', '.jsonl': 'application/x-ndjson', '.ndjson': 'application/x-ndjson' },
};

/** Directories that hold credentials; nothing below them is uploaded. */
const CREDENTIAL_DIRS = new Set(['.ssh', '.gnupg', '.aws', '.azure', '.gcloud', '.kube', '.docker', '.config', '.password-store', '.netrc']);

export async function uploadBody(tool: string, inputName: string, field: string, filePath: string): Promise<MultipartBody> {
  const refuse = (message: string, hint?: string) =>
    new InvalidInputError({ message: `${tool}: ${inputName} ${message}`, tool, field: inputName, ...(hint ? { hint } : {}) });
  const accepted = ACCEPTED[field] ?? {};
  const kindOf = (path: string) => accepted[extname(path).toLowerCase()];
  if (kindOf(filePath) === undefined) {
    throw refuse(`must be a ${Object.keys(accepted).join(', ')} file; '${basename(filePath)}' is not.`, 'Nothing was sent to Gong.');
  }
  let real: string;
  let size: number;
  try {
    real = await realpath(filePath);
    const info = await stat(real);
    if (!info.isFile()) throw new Error('not a file');
    size = info.size;
  } catch {
    throw refuse(`'${filePath}' is not a readable file.`, 'Pass the path of a local file.');
  }
  // Judge the file where it really is: a link named rec.mp3 to notes.txt or ~/.ssh/... is refused.
  const contentType = kindOf(real);
  if (contentType === undefined) {
    throw refuse(`links to '${basename(real)}', which is not a ${Object.keys(accepted).join(', ')} file.`, 'Nothing was sent to Gong.');
  }
  if (basename(real).startsWith('.') || real.split(sep).some((part) => CREDENTIAL_DIRS.has(part))) {
    throw refuse('is a hidden file or inside a directory that holds credentials; such files are never uploaded.', 'Copy the recording or data file to an ordinary directory first.');
  }
  if (size > MAX_UPLOAD_BYTES) throw refuse(`is ${size} bytes; Gong accepts at most 1.5 GB.`);
  if (size === 0) throw refuse('is an empty file.');
  return { kind: 'multipart', field, filePath: real, fileName: basename(real), contentType, size };
}
