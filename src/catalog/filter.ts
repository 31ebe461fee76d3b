// Tool subsets for small model contexts: by toolset and read-only.
import type { ToolEntry } from './types.js';
import { InvalidInputError } from '../http/errors.js';

export function filterTools(
  tools: readonly ToolEntry[],
  options: { toolsets?: string | readonly string[] | undefined; readOnly?: boolean },
): ToolEntry[] {
  const known = new Set(tools.map((t) => t.toolset));
  const wanted = typeof options.toolsets === 'string'
    ? options.toolsets.split(',').map((s) => s.trim()).filter(Boolean)
    : options.toolsets ? [...options.toolsets] : undefined;
  for (const w of wanted ?? []) {
    if (!known.has(w)) {
      throw new InvalidInputError({ message: `Unknown toolset '${w}'. Toolsets: ${[...known].sort().join(', ')}.`, field: 'toolsets' });
    }
  }
  return tools.filter((t) => (!wanted || wanted.includes(t.toolset)) && (!options.readOnly || t.annotations.readOnlyHint));
}
