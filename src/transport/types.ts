// The tiny transport contract: send one HTTP request to Gong, get status, headers and body text.
// Pacing, retries, error mapping and JSON parsing sit above it, so every transport behaves alike.

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A JSON body, already serialised (losslessly: int64 values keep every digit). */
export interface JsonBody {
  kind: 'json';
  text: string;
}

/** A multipart upload of one local file, streamed from disk (call media up to 1.5 GB, CRM LDJSON files). */
export interface MultipartBody {
  kind: 'multipart';
  field: string;
  filePath: string;
  /** The file's size in bytes (uploads get time to send it). */
  size: number;
  fileName: string;
  contentType: string;
}

export type RequestBody = JsonBody | MultipartBody;

export interface TransportRequest {
  method: HttpMethod;
  /** `/v2/...`, every segment already percent-encoded. */
  path: string;
  /** Query parameters in order; values are strings. */
  query: ReadonlyArray<readonly [string, string]>;
  body?: RequestBody | undefined;
  /** Extra non-secret headers (the transport adds authentication and user agent). */
  headers?: Readonly<Record<string, string>> | undefined;
  signal?: AbortSignal | undefined;
  /** Per-request timeout in milliseconds. */
  timeoutMs?: number | undefined;
  /** Refuse response bodies above this many bytes. */
  maxResponseBytes?: number | undefined;
}

export interface TransportResponse {
  status: number;
  /** Lower-case header names. */
  headers: Readonly<Record<string, string>>;
  /** The response body as text (empty string when there is none). */
  text: string;
  /**
   * True when the request went out on a connection that was already open (its bytes left at once,
   * no handshake), so it reached Gong about one network delay after it started. Absent or false:
   * unknown, or a new connection. The limiter uses it to bound when the request arrived.
   */
  connectionReused?: boolean;
}

export interface Transport {
  readonly kind: 'direct' | 'scalekit' | (string & {});
  /** A human description without secrets, e.g. `direct https://api.gong.io (bearer)`. */
  describe(): string;
  /** Identifies the Gong company for limiter sharing (base URL + credential fingerprint); never a secret. */
  companyKey(): string;
  send(request: TransportRequest): Promise<TransportResponse>;
  /**
   * After a 401: obtain fresh credentials (an OAuth refresh); true when the request should be sent
   * again. The pipeline sends it again, paced and counted like any request.
   */
  refreshCredentials?(): Promise<boolean>;
  /** Where the user reconnects (Scalekit's authorization link), when the transport knows one. */
  authorizationLink?(): string | undefined;
  /**
   * True when the transport itself ends every exchange within `timeoutMs` (one timer over
   * connection, headers and body) and honours `signal`: the pipeline's watchdog then keeps only its
   * timer and passes the caller's signal through instead of a watchdog AbortSignal of its own.
   */
  readonly enforcesTimeout?: boolean;
  /** What this transport cannot deliver faithfully (e.g. int64 digits), for `auth status`; empty or absent when nothing. */
  limitations?(): string[];
  close?(): Promise<void>;
}

/** Serialise a query the way Gong expects: repeated scalars, no `key[]` forms. */
export function formatQuery(query: ReadonlyArray<readonly [string, string]>): string {
  if (query.length === 0) return '';
  const params = new URLSearchParams();
  for (const [k, v] of query) params.append(k, v);
  return `?${params.toString()}`;
}
