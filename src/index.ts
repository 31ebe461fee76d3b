// gong-connector's public API (DESIGN §5). Nothing else is exported.
export { executeTool, createConnector, Connector } from './connector.js';
export type { ToolResult, RateLimitReport } from './connector.js';
export type { ConnectorOptions, CallOptions, ExecuteOptions, ScalekitOptions } from './config/options.js';
export type { ScalekitActionsLike } from './transport/scalekit-actions.js';
export { catalog } from './catalog/index.js';
export { toolDefinitions, toolDefinition, TOOL_FORMATS } from './catalog/formats.js';
export type { ToolFormat } from './catalog/formats.js';
export { filterTools } from './catalog/filter.js';
export { authStatus, authConnect, login, logout } from './auth/api.js';
export type { AuthResult, LoginOptions, LoginResult } from './auth/api.js';
export type { ToolEntry, ToolAnnotations, JsonSchema } from './catalog/types.js';
export * from './http/errors.js';
export { parseJson, stringifyJson, JsonInteger } from './http/json.js';
export type { Transport, TransportRequest, TransportResponse } from './transport/types.js';
export { TransportFailure } from './transport/failure.js';
export type { TransportFailureInit, TransportFailureKind, TransportProxy } from './transport/failure.js';
export type { LimiterStore, LimiterState, RateLimitState } from './pipeline/limiter.js';
export { MemoryLimiterStore } from './pipeline/limiter.js';
export type { Clock } from './http/clock.js';
export type { RequestHooks } from './pipeline/hooks.js';

import { catalog as loadedCatalog } from './catalog/index.js';
import { toolDefinitions as defs } from './catalog/formats.js';

/** The tool definitions in MCP shape (name, title, description, inputSchema, annotations). */
export const tools = defs(loadedCatalog.tools, 'mcp');
