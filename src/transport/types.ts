// The transport port: send one HTTP request to Gong, get status, headers and body text, or a
// TransportFailure (failure.ts) that states what happened. The pipeline (src/pipeline/) sends
// through it and owns everything else: pacing, the size cap, the "did it reach Gong?" rule,
// messages, retries and every resend. Transports only move bytes.
import type { HttpMethod } from '../http/path.js';
import type { GongError } from '../http/errors.js';

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
  /** Per-request timeout in milliseconds (the pipeline's, resolved: transports apply no default). */
  timeoutMs: number;
  /** Stop reading a body above this many bytes (a `too_large` failure); the pipeline checks it too. */
  maxResponseBytes: number;
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
  /**
   * The Gong API origin requests go to, when this transport talks to Gong directly (e.g.
   * `https://api.gong.io`); absent behind a proxy. Data, so nobody parses describe().
   */
  readonly baseUrl?: string | undefined;
  /** A human description without secrets, e.g. `direct https://api.gong.io (bearer)`. */
  describe(): string;
  /** Identifies the Gong company for limiter sharing (base URL + credential fingerprint); never a secret. */
  companyKey(): string;
  /** One exchange, never repeated here: resolves with any status, or throws a TransportFailure. */
  send(request: TransportRequest): Promise<TransportResponse>;
  /**
   * After a 401: obtain fresh credentials (an OAuth refresh, a new Scalekit token) when they can
   * help with this answer; true when the request should be sent again. The pipeline sends it
   * again, paced and counted like any request.
   */
  refreshCredentials?(response: TransportResponse): Promise<boolean>;
  /**
   * For a 401/403 the pipeline is about to report: the error that explains it when the transport's
   * own service wrote it (Scalekit: the connection is not active), else undefined.
   */
  explainRefusal?(response: TransportResponse, request: Pick<TransportRequest, 'method' | 'path'>): Promise<GongError | undefined>;
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
