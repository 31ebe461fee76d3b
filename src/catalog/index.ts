// The runtime catalogue: lookup by name with suggestions, and tool definitions in every
// runtime's shape (MCP, OpenAI chat and responses, Anthropic, Scalekit).
import { catalog } from './catalog.generated.js';
import type { ToolEntry } from './types.js';
import { UnknownToolError } from '../http/errors.js';
import { closestNames } from '../util/suggest.js';
import { manageAuthCall } from './manage-auth.js';

export { catalog };
export type { ToolEntry } from './types.js';

const byName = new Map(catalog.tools.map((t) => [t.name, t]));

export function findTool(name: string): ToolEntry {
  const tool = byName.get(name);
  if (tool) return tool;
  const near = closestNames(name, [...byName.keys()]);
  throw new UnknownToolError({
    message: `Unknown tool '${name}'.${near.length ? ` Did you mean ${near.join(', ')}?` : ''}`,
    tool: name,
    field: 'tool',
    hint: 'List the tools with `gong-connector tools` (or the `tools` export).',
  });
}

/**
 * This connector's manage_auth call (the hints of 401/403 errors, `auth connect`, the
 * missing-credentials error), rendered from the manifest's `auth` block in the catalogue.
 */
export function connectGongCall(): string {
  return manageAuthCall(catalog.connector.auth);
}

/**
 * The scopes a 401/403 hint weighs (src/http/errors.ts): what the tool needs and what the connect
 * call requests, so the hint never offers a reconnect that cannot add the missing scope.
 */
export function grantScopes(toolName: string | undefined): { toolScopes?: readonly string[]; requestedScopes: readonly string[] } {
  const tool = toolName === undefined ? undefined : byName.get(toolName);
  return { ...(tool ? { toolScopes: tool.scopes } : {}), requestedScopes: catalog.connector.scopes };
}
