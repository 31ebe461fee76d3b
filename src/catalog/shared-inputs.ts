// The descriptions of inputs the generator adds to many tools (src/generator/manifest.ts). The
// catalogue keeps them (schemas/*.json, `gong-connector tools <name>`); the definitions a model
// reads (src/catalog/formats.ts) leave these three out, because each repeats in up to 45
// definitions and the name already says it: `cursor` takes a result's next_cursor (max_chars's
// published text and the cut note say so), `limit` counts records, `response_format` is an enum
// with its default.
export const SHARED_INPUT_TEXT = {
  cursor: "A result's next_cursor (same other inputs).",
  limit: 'Records to collect over pages; omitted, one page.',
  response_format: 'detailed: every Gong field, nulls included.',
} as const;

/** Whether `description` is the shared text of input `name`, left out of published definitions. */
export function isSharedInputText(name: string, description: unknown): boolean {
  return (SHARED_INPUT_TEXT as Record<string, string>)[name] === description;
}
