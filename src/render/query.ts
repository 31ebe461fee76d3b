// Search terms: keywords and "quoted phrases", case-insensitive, whole words (a trailing * makes a
// prefix: pric* finds price, pricing). Phrases allow any whitespace between their words.

export interface Term {
  text: string;
  regex: RegExp;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function termOf(text: string): Term | undefined {
  const prefix = text.endsWith('*');
  const words = text.replace(/\*+$/, '').trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return undefined;
  const body = words.map(escape).join('\\s+');
  return {
    text: text.trim(),
    regex: new RegExp(`(?<![\\p{L}\\p{N}])${body}${prefix ? '' : '(?![\\p{L}\\p{N}])'}`, 'iu'),
  };
}

export function parseQuery(query: string): Term[] {
  const terms: Term[] = [];
  const seen = new Set<string>();
  const add = (t: Term | undefined) => {
    if (t && !seen.has(t.text.toLowerCase())) {
      seen.add(t.text.toLowerCase());
      terms.push(t);
    }
  };
  const rest = query.replace(/"([^"]*)"/g, (_, phrase: string) => {
    add(termOf(phrase));
    return ' ';
  });
  for (const word of rest.replace(/"/g, ' ').split(/\s+/)) add(termOf(word));
  return terms;
}

/** Indices of the terms found in the text. */
export function matchTerms(terms: readonly Term[], text: string): number[] {
  const out: number[] = [];
  terms.forEach((t, i) => { if (t.regex.test(text)) out.push(i); });
  return out;
}
