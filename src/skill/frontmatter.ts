// SKILL.md = YAML frontmatter between '---' lines + a Markdown body. Parsed with the `yaml`
// package (as ClawHub does), noting the constructs strictyaml (skills-ref) refuses: flow
// collections, anchors/aliases, explicit tags, duplicate keys.
import { isAlias, isCollection, isMap, isScalar, parseDocument, visit } from 'yaml';

export interface Frontmatter {
  /** The YAML text between the '---' lines. */
  text: string;
  /** The parsed mapping (undefined when the YAML is broken or not a mapping). */
  data: Record<string, unknown> | undefined;
  /** Why the YAML could not be read, if it could not. */
  error: string | undefined;
  /** Constructs outside block YAML, each described with its key path. */
  nonBlock: string[];
  body: string;
}

export type SplitResult = { ok: true; text: string; body: string } | { ok: false; error: string };

/** Split SKILL.md into frontmatter text and body. CRLF is normalised first. */
export function splitSkillMd(content: string): SplitResult {
  const normalized = content.replace(/\r\n?/g, '\n');
  if (!normalized.startsWith('---\n')) return { ok: false, error: 'SKILL.md must start with YAML frontmatter (a first line of ---)' };
  const end = normalized.indexOf('\n---', 3);
  if (end === -1 || !/^\n---[ \t]*(\n|$)/.test(normalized.slice(end))) {
    return { ok: false, error: 'SKILL.md frontmatter is not closed with a line of ---' };
  }
  const afterClose = normalized.indexOf('\n', end + 1);
  return { ok: true, text: normalized.slice(4, end), body: afterClose === -1 ? '' : normalized.slice(afterClose + 1) };
}

function pathOf(path: readonly unknown[]): string {
  const keys: string[] = [];
  for (const node of path) {
    if (node && typeof node === 'object' && 'key' in node && isScalar((node as { key: unknown }).key)) {
      keys.push(String(((node as { key: { value: unknown } }).key).value));
    }
  }
  return keys.length ? keys.join('.') : '(top level)';
}

export function parseFrontmatter(content: string): Frontmatter | { error: string } {
  const split = splitSkillMd(content);
  if (!split.ok) return { error: split.error };
  const doc = parseDocument(split.text, { uniqueKeys: true, prettyErrors: false });
  const nonBlock: string[] = [];
  visit(doc, {
    Node(_key, node, path) {
      const where = pathOf(path);
      if (isCollection(node) && node.flow) nonBlock.push(`flow-style ${isMap(node) ? 'mapping {…}' : 'sequence […]'} at ${where}`);
      if (isAlias(node)) nonBlock.push(`alias *${node.source} at ${where}`);
      else if ('anchor' in node && node.anchor) nonBlock.push(`anchor &${node.anchor} at ${where}`);
      if ('tag' in node && node.tag) nonBlock.push(`explicit tag ${node.tag} at ${where}`);
    },
  });
  let data: Record<string, unknown> | undefined;
  let error: string | undefined;
  if (doc.errors.length > 0) {
    error = doc.errors.map((e) => e.message.split('\n')[0]).join('; ');
  } else {
    const value = doc.toJS() as unknown;
    if (value && typeof value === 'object' && !Array.isArray(value)) data = value as Record<string, unknown>;
    else error = 'the frontmatter must be a YAML mapping of keys to values';
  }
  return { text: split.text, data, error, nonBlock, body: split.body };
}
