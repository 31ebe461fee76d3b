// The part of Scalekit's `ActionsClient` the Scalekit transport calls (a fake satisfies it in tests,
// and an app that already holds a ScalekitClient passes its `actions`).

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
