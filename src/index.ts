// gong-connector's public API: every name below is a promise kept across minor versions, so each is
// listed by hand (no `export *`). Internals (the error diagnostics channel, the status mapping, the
// hint builders) stay unexported. Importing this module computes nothing: `tools` and the
// read-only `catalog` are made on first use (src/util/frozen.ts).
import { catalog as generatedCatalog } from './catalog/catalog.generated.js';
import { toolDefinitions as definitionsOf } from './catalog/formats.js';
import type { Catalog, ToolEntry } from './catalog/types.js';
import { frozenOnFirstUse } from './util/frozen.js';

export { executeTool, createConnector, Connector } from './connector.js';
export type { ToolResult, RateLimitReport } from './connector.js';
export type { ConnectorOptions, CallOptions, ExecuteOptions, ScalekitOptions } from './connection/options.js';
export type { ScalekitActionsLike } from './transport/scalekit-actions.js';
export { toolDefinitions, toolDefinition, TOOL_FORMATS } from './catalog/formats.js';
export type { ToolFormat } from './catalog/formats.js';
export { filterTools } from './catalog/filter.js';
export { authStatus, authConnect, login, logout } from './connection/auth.js';
export type { AuthResult, AuthStatusOptions, LoginOptions, LoginResult } from './connection/auth.js';
export type { ToolEntry, ToolAnnotations, JsonSchema } from './catalog/types.js';
export {
  GongError,
  InvalidInputError,
  UnknownToolError,
  ConfigurationError,
  AuthenticationError,
  AuthRequiredError,
  PermissionError,
  NotFoundError,
  ConflictError,
  RateLimitError,
  BudgetExceededError,
  ServerError,
  ConnectionError,
  TimeoutError,
  AbortedError,
  ResponseTooLargeError,
  MalformedResponseError,
  InternalError,
} from './http/errors.js';
export type { ErrorCode, GongErrorInit, GongErrorJson } from './http/errors.js';
export { parseJson, stringifyJson, JsonInteger } from './http/json.js';
export type { Transport, TransportRequest, TransportResponse } from './transport/types.js';
export { TransportFailure } from './transport/failure.js';
export type { TransportFailureInit, TransportFailureKind, TransportProxy } from './transport/failure.js';
export type { RateLimitState } from './pipeline/limiter.js';
export type {
  LimiterStore, Pace, PaceSnapshot, ReserveRequest, ReserveResult, ConfirmRequest, ConfirmResult, SettleRequest, BudgetRequest, BudgetResult,
} from './state/limiter/types.js';
export { MemoryLimiterStore } from './state/limiter/memory.js';
export type { Clock } from './http/clock.js';
export type { RequestHooks } from './pipeline/hooks.js';

/** The catalogue as published: read-only all the way down (deep-frozen on first use). */
export interface PublicCatalog {
  readonly connector: Readonly<Catalog['connector']>;
  readonly tools: readonly ToolEntry[];
}

/** The catalogue the connector dispatches from, read-only: writing to it throws. */
export const catalog: PublicCatalog = frozenOnFirstUse(generatedCatalog);

/** The tool definitions in MCP shape (name, title, description, inputSchema, annotations), read-only. */
export const tools: ReadonlyArray<Readonly<Record<string, unknown>>> = frozenOnFirstUse<Array<Record<string, unknown>>>([], (list) => {
  list.push(...definitionsOf(generatedCatalog.tools, 'mcp'));
});
