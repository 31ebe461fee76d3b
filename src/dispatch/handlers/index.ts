// Code handlers, loaded only when their tool is called.
import type { Handler } from './types.js';

const LOADERS: Record<string, () => Promise<Handler>> = {
  api_request: async () => (await import('./api-request.js')).apiRequest,
  flow_content_override: async () => (await import('./flow-content-override.js')).flowContentOverride,
  transcript_text: async () => (await import('./transcript-text.js')).transcriptText,
  calls_search: async () => (await import('./calls-search.js')).callsSearch,
  dates_resolve: async () => (await import('./dates-resolve.js')).datesResolve,
};

export async function loadHandler(name: string): Promise<Handler> {
  const load = LOADERS[name];
  if (!load) throw new Error(`no handler '${name}'`);
  return load();
}
