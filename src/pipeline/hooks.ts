// Observation points for callers (logging, metrics). Events carry no headers and no bodies,
// so nothing secret can leak through a hook.

export interface RequestEvent {
  tool: string | undefined;
  method: string;
  path: string;
  attempt: number;
}

export interface ResponseEvent extends RequestEvent {
  status: number;
  durationMs: number;
}

export interface RetryEvent extends RequestEvent {
  delayMs: number;
  reason: string;
}

export interface RequestHooks {
  onRequest?(event: RequestEvent): void;
  onResponse?(event: ResponseEvent): void;
  onRetry?(event: RetryEvent): void;
  /** Debug lines (already free of secrets). */
  onDebug?(line: string): void;
}
