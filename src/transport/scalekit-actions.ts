// The part of the Scalekit SDK's `ActionsClient` the Scalekit transport calls: the port it talks
// to, defined beside the transport that uses it (options and tests pass one in; the real SDK
// client satisfies it, see scalekit-client.ts).

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
