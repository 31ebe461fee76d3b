// Code handlers, loaded only when their tool is called.
import type { Handler } from './types.js';

const LOADERS: Record<string, () => Promise<Handler>> = {
  api_request: async () => (await import('./api-request.js')).apiRequest,
  flow_content_override: async () => (await import('./flow-content-override.js')).flowContentOverride,
};

export async function loadHandler(name: string): Promise<Handler> {
  const load = LOADERS[name];
  if (!load) throw new Error(`no handler '${name}'`);
  return load();
}
