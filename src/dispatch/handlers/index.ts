// The one registry of code handlers: name → loader. Each handler module is loaded only when its
// tool is called; the generator checks manifest names against HANDLER_NAMES without loading them.
import type { Handler } from './types.js';

const LOADERS = {
  api_request: async () => (await import('./api-request.js')).apiRequest,
  flow_content_override: async () => (await import('./flow-content-override.js')).flowContentOverride,
  transcript_text: async () => (await import('./transcript-text.js')).transcriptText,
  calls_search: async () => (await import('./calls-search.js')).callsSearch,
  dates_resolve: async () => (await import('./dates-resolve.js')).datesResolve,
  users_find: async () => (await import('./users-find.js')).usersFind,
} satisfies Record<string, () => Promise<Handler>>;

export const HANDLER_NAMES: readonly string[] = Object.freeze(Object.keys(LOADERS));

export async function loadHandler(name: string): Promise<Handler> {
  const load = (LOADERS as Record<string, (() => Promise<Handler>) | undefined>)[name];
  if (!load) throw new Error(`no handler '${name}'`);
  return load();
}
