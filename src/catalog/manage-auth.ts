// The one rendering of the `manage_auth(...)` call that connects Gong in a Polly-style runtime,
// from the manifest's `auth` block (manifest/connector.yaml). The generator renders SKILL.md with
// it (src/generator/skill.ts); at run time the same function renders the block the generator
// carried into the catalogue (connectGongCall in src/catalog/index.ts). Pure: it imports no data,
// so the generator never depends on its own output.
import type { ConnectorAuth } from './types.js';

export function manageAuthCall(auth: ConnectorAuth): string {
  return `manage_auth(action="connect", integration_id="${auth.integration_id}", auth_env="${auth.env}")`;
}
