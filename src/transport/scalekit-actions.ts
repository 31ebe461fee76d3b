// What the Scalekit transport is built from, defined beside the transport that uses it: the part
// of the SDK's `ActionsClient` it calls (options and tests pass one in; the real SDK client
// satisfies it, see scalekit-client.ts) and the settings resolved from options and environment
// (src/connection/scalekit-settings.ts makes them).

/** The subset of Scalekit's `ActionsClient` the connector uses (a fake satisfies it in tests). */
export interface ScalekitActionsLike {
  request(options: {
    connectionName: string;
    identifier: string;
    path: string;
    method?: string;
    queryParams?: Record<string, unknown>;
    body?: unknown;
    formData?: unknown;
    headers?: Record<string, string>;
    timeoutMs?: number;
  }): Promise<{ status: number; headers?: unknown; data?: unknown }>;
  getConnectedAccount(options: { connectionName: string; identifier: string }): Promise<unknown>;
  getAuthorizationLink(options: { connectionName: string; identifier: string }): Promise<{ link?: string }>;
}

/** Resolved Scalekit settings: which environment, connection and user, and how to reach them. */
export interface ScalekitSettings {
  /** Environment URL without a trailing slash; undefined only with an injected `actions`. */
  environmentUrl: string | undefined;
  connectionName: string;
  identifier: string;
  /** Present unless `actions` was injected. */
  client?: { clientId: string; clientSecret: string };
  actions?: ScalekitActionsLike;
}
