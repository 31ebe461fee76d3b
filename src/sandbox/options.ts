// The sandbox's public contract: options, credentials, the running instance and its request log.
import type { ScriptedCall } from './data/scripted.js';
import type { SandboxData } from './data/types.js';

export interface SandboxOptions {
  /** Port on 127.0.0.1; default 0 (ephemeral). */
  port?: number;
  /** Default 1; all data is deterministic from (seed, anchor). */
  seed?: number;
  /** "Now" for data generation; default today 00:00 UTC. Calls span the 12 months before it. */
  anchor?: Date;
  /** Default 3/s and 10,000/day like Gong; `false` turns limiting off. */
  rateLimit?: { perSecond?: number | false; daily?: number | false; retryAfterSeconds?: number } | false;
  /** Fault injection; default none. */
  faults?: FaultOptions;
  /** Records per page of paginated endpoints; default 100. */
  pageSize?: number;
  /** Page sizes of particular operations, by operationId (e.g. `{ getCallTranscripts: 40 }`); the rest use `pageSize`. */
  pageSizes?: Record<string, number>;
  /**
   * Calls to serve instead of the generated ones, for tests that need exact titles, days, parties
   * or sentences, or calls without a transcript. Users, accounts and the rest stay as seeded
   * (records that point at generated calls, such as answered scorecards, keep their ids).
   */
  calls?: ScriptedCall[];
  /** How many calls the 12 months hold; default 2,000 (benchmarks ask for more). */
  callCount?: number;
  /** Injectable time (ms since epoch) for the rate limiter, token expiry and async job progress; default Date.now. */
  clock?: () => number;
  /** Lifetime of OAuth access tokens (`expires_in`); default 86,400 s. */
  accessTokenTtlSeconds?: number;
  /** Entries kept in `log` (oldest dropped first); default 50,000. */
  logLimit?: number;
  /** The OAuth app's client id and secret; default derived from `seed` (`oauthClient`). */
  oauthClient?: { clientId: string; clientSecret: string };
  /**
   * Serve the API on a second loopback origin too (`apiBaseUrl`), like a Gong customer host apart
   * from app.gong.io: OAuth answers point `api_base_url_for_customer` there and OAuth access tokens
   * are good only there; that origin answers no /oauth2 route. Default false: one origin for all.
   */
  customerApiHost?: boolean;
}

/**
 * What a faultable request suffers. Before the handler (nothing applied): 429, 5xx, reset-before,
 * stall and hang. After it (a write may be applied and its answer lost): 5xx-after, reset,
 * truncated, malformed, slow.
 */
export type FaultKind = 'none' | 'hang' | 'stall' | '429' | '5xx' | '5xx-after' | 'reset' | 'reset-before' | 'truncated' | 'malformed' | 'slow';

export interface FaultOptions {
  /** Seed of the deterministic fault schedule. */
  seed?: number;
  /** Added delay before every faultable response. */
  latencyMs?: number;
  /** 0..1 share of responses answered 429 with Retry-After. */
  rate429?: number;
  retryAfterSeconds?: number;
  /** 0..1 share answered 500/502/503 before the request is applied. */
  rate5xx?: number;
  /** 0..1 share answered 500/502/503 after the request was applied (a write done, its answer lost). */
  rate5xxAfter?: number;
  /** 0..1 share whose socket is destroyed without a response (after the request was applied). */
  rateReset?: number;
  /** 0..1 share whose socket is destroyed before the request is applied. */
  rateResetBefore?: number;
  /** 0..1 share whose JSON body is cut short (Content-Length promised, socket ended early). */
  rateTruncated?: number;
  /** 0..1 share answered 200 with invalid JSON. */
  rateMalformed?: number;
  /** 0..1 share whose body trickles in small chunks. */
  rateSlow?: number;
  slowChunkDelayMs?: number;
  /** 0..1 share accepted and never answered (the client's timeout must end them). */
  rateStall?: number;
  /** Accept every faultable request and never answer. */
  hang?: boolean;
  /** Only these path prefixes get faults (default all /v2 routes). */
  routes?: string[];
}

export interface SandboxCredentials {
  /** Access key pair for HTTP Basic; carries every scope. */
  accessKey: string;
  accessKeySecret: string;
  /** A bearer token carrying every scope. */
  bearerToken: string;
}

export interface SandboxLogEntry {
  /** The origin the request arrived at: `baseUrl`, or `apiBaseUrl` when that is separate. */
  origin: string;
  method: string;
  /** Path without the query string. */
  path: string;
  /** Query parameters; repeated names become arrays. */
  query: Record<string, string | string[]>;
  /** Parsed JSON body, or undefined (no body, multipart, not JSON). */
  body: unknown;
  /** HTTP status sent; 0 when the socket was dropped or the request left hanging. */
  status: number;
  /** The fault injected into this request, if any. */
  fault?: Exclude<FaultKind, 'none'>;
  /** The status the route's handler answered, when the request reached it (a write was applied on 2xx). */
  handled?: number;
  /** Clock time (ms) the request arrived. */
  at: number;
  /** The id of the bearer token that authenticated the request (`issued.accessTokenId` of a token exchange); never the token. */
  tokenId?: string;
  /** On POST /oauth2/generate-customer-token: the grant asked for and what was answered. */
  oauth?: SandboxTokenExchange;
}

export interface SandboxTokenExchange {
  /** `grant_type` as sent. */
  grantType?: string;
  /** The client id, when HTTP Basic client authentication carried exactly the configured id and secret. */
  clientId?: string;
  /** The OAuth error of a refusal (`invalid_client`, `invalid_grant`, …). */
  error?: string;
  /** On success: the tokens issued (the sandbox's own, to compare with what a client stored) and the access token's log id. */
  issued?: { accessToken: string; refreshToken: string; accessTokenId: string };
}

export interface SandboxStats {
  requests: number;
  status429: number;
  byStatus: Record<number, number>;
  /** Requests per injected fault kind. */
  faults: Partial<Record<Exclude<FaultKind, 'none'>, number>>;
}

/** Writes the sandbox applied, by operationId; `replayed` counts deduplicated repeats (same clientUniqueId, eventId…). */
export interface SandboxWrites {
  applied: Record<string, number>;
  replayed: Record<string, number>;
}

export interface Sandbox {
  /** `http://127.0.0.1:<port>` */
  readonly baseUrl: string;
  /** Where OAuth access tokens are good (`api_base_url_for_customer`): `baseUrl`, or a second origin with `customerApiHost`. */
  readonly apiBaseUrl: string;
  readonly credentials: SandboxCredentials;
  readonly oauthClient: { clientId: string; clientSecret: string };
  /** The tenant's data as started: generated, with `calls` in place of the generated calls when given (read-only view; writes live in the sandbox's state, not here). */
  readonly data: SandboxData;
  readonly log: ReadonlyArray<SandboxLogEntry>;
  clearLog(): void;
  /** A bearer token limited to these scopes. */
  issueToken(scopes: string[], options?: { expiresInSeconds?: number }): string;
  setFaults(faults: FaultOptions | undefined): void;
  /** Answer token requests (/oauth2/generate-customer-token) after `ms` (default 0), so concurrent refreshes overlap. */
  setTokenDelay(ms: number): void;
  /** Every bearer token issued so far (OAuth, `issueToken`, `credentials.bearerToken`) expires now: 401 "The access token has expired". Later ones are unaffected. */
  expireAccessTokens(): void;
  setRateLimit(limit: SandboxOptions['rateLimit']): void;
  stats(): SandboxStats;
  /** Counters of applied writes, so tests can prove a write was never applied twice. */
  writes(): SandboxWrites;
  close(): Promise<void>;
}
