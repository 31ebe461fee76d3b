// The files of a skill directory as ClawHub's CLI sees them, and ClawHub's fingerprint of them:
// SHA-256 of the lines "<path>:<sha256 of the file>", sorted by path with localeCompare, joined
// with "\n" (no trailing newline), skill-card.md excluded. The CLI walks the directory skipping
// any path segment starting with "." and node_modules, and follows no symlinks.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export interface SkillFile {
  /** Relative, '/'-separated. */
  path: string;
  bytes: Buffer;
}

export interface SkippedEntry {
  path: string;
  reason: 'dot-path' | 'node_modules' | 'not-a-file';
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Every file ClawHub would upload from `root`, plus what it would skip. */
export function listSkillFiles(root: string): { files: SkillFile[]; skipped: SkippedEntry[] } {
  const files: SkillFile[] = [];
  const skipped: SkippedEntry[] = [];
  const walk = (dir: string, prefix: string): void => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.name.startsWith('.')) skipped.push({ path: rel, reason: 'dot-path' });
      else if (entry.name === 'node_modules') skipped.push({ path: rel, reason: 'node_modules' });
      else if (entry.isDirectory()) walk(join(dir, entry.name), rel);
      else if (entry.isFile()) files.push({ path: rel, bytes: readFileSync(join(dir, entry.name)) });
      else skipped.push({ path: rel, reason: 'not-a-file' });
    }
  };
  walk(root, '');
  return { files, skipped };
}

export function isSkillCardPath(path: string): boolean {
  return path.replace(/^\/+/, '').toLowerCase() === 'skill-card.md';
}

/** ClawHub's bundle fingerprint. */
export function skillFingerprint(files: ReadonlyArray<{ path: string; bytes: Uint8Array }>): string {
  const lines = files
    .filter((f) => f.path && !isSkillCardPath(f.path))
    .map((f) => ({ path: f.path, sha256: sha256Hex(f.bytes) }))
    .sort((a, b) => a.path.localeCompare(b.path))
    .map((f) => `${f.path}:${f.sha256}`);
  return sha256Hex(lines.join('\n'));
}
