// Everything the generator writes, as path → content, so `--check` can compare without writing.
import type { LoadedManifest } from './manifest.js';
import { GENERATED_MARK, renderSkill, renderToolReference } from './skill.js';

export function generatedFiles(loaded: LoadedManifest): Map<string, string> {
  const files = new Map<string, string>();
  const { catalog, connector } = loaded;
  files.set('SKILL.md', renderSkill(connector, catalog.tools));
  files.set('references/tools.md', renderToolReference(connector, catalog.tools));
  for (const tool of catalog.tools) {
    const schema = {
      $schema: 'http://json-schema.org/draft-07/schema#',
      $id: `https://github.com/gong-connector/gong-connector/schemas/${tool.name}.json`,
      $comment: GENERATED_MARK,
      title: tool.name,
      description: tool.description,
      ...tool.inputSchema,
    };
    files.set(`schemas/${tool.name}.json`, `${JSON.stringify(schema, null, 2)}\n`);
  }
  const index = {
    $comment: GENERATED_MARK,
    connector: { name: catalog.connector.name, version: catalog.connector.version, scopes: catalog.connector.scopes },
    tools: catalog.tools.map((t) => ({
      name: t.name,
      title: t.annotations.title,
      toolset: t.toolset,
      description: t.description,
      scopes: t.scopes,
      annotations: t.annotations,
      schema: `${t.name}.json`,
    })),
  };
  files.set('schemas/index.json', `${JSON.stringify(index, null, 2)}\n`);
  files.set(
    'src/catalog/catalog.generated.ts',
    `// ${GENERATED_MARK}\n// The runtime catalogue; the dispatcher reads nothing else.\nimport type { Catalog } from './types.js';\n\nexport const catalog: Catalog = ${JSON.stringify(catalog, null, 2)};\n`,
  );
  return files;
}
