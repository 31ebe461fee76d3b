// o200k tokens (js-tiktoken's bundled o200k_base ranks, no download): what an agent pays for a
// text in its context, as the context and transcript figures count it.
import { getEncoding } from 'js-tiktoken';

const o200k = getEncoding('o200k_base');

/** Tokens of `text`; text that looks like a special token is counted as plain text. */
export function tokens(text: string): number {
  return o200k.encode(text, [], []).length;
}
