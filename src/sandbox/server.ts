// The sandbox's HTTP server: one pipeline per request — log, faults, rate limit, authentication,
// routing (404/405), scope, query and body validation, handler — and Gong-shaped answers with
// `requestId` in every body and `x-traceid` on every response. Read answers are cached per
// (request, state version) so a hot loop of identical reads costs one serialisation. With
// `customerApiHost` a second server on its own port serves the same API (not OAuth), as a Gong
// customer host apart from app.gong.io does.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { stringifyJson } from '../http/json.js';
import { ALL_SCOPES, AuthStore, hasScope, missingScopeMessage, type Principal } from './auth.js';
import { createSandboxData } from './data/index.js';
import { withScriptedCalls } from './data/scripted.js';
import { GongHttpError } from './errors.js';
import { FaultInjector, malformedBody, type FaultDecision } from './faults.js';
import { rateLimitConfig, RateLimiter } from './limits.js';
import { Lru } from './lru.js';
import { OAuthProvider, type OAuthReply } from './oauth.js';
import type { Sandbox, SandboxLogEntry, SandboxOptions, SandboxStats } from './options.js';
import { Pager } from './paging.js';
import { Router, type Route, type RouteContext } from './router.js';
import { ROUTES } from './routes/index.js';
import { validate } from './schema.js';
import { SandboxState } from './state.js';
import { utcDate } from './time.js';

/** A JSON body above this is refused (413) unread; Gong's JSON requests are kilobytes (uploads are multipart). */
const MAX_JSON_BODY = 2 * 1024 * 1024;
const CACHE_BYTES = 64 * 1024 * 1024;
const SLOW_CHUNK_BYTES = 64;
const SLOW_MAX_CHUNKS = 40;

class Answer {
  constructor(
    readonly status: number,
    /** JSON text of the body without `requestId` (spliced in per response). */
    readonly rest: string,
    readonly headers: Record<string, string> = {},
  ) {}
}

function todayMidnightUtc(now: number): Date {
  return new Date(Date.parse(`${utcDate(now)}T00:00:00Z`));
}

function queryRecord(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of params) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

function tooLarge(): GongHttpError {
  return new GongHttpError(413, [`Request body is too large (over ${MAX_JSON_BODY} bytes)`]);
}

async function readBody(req: IncomingMessage): Promise<string> {
  if (Number(req.headers['content-length'] ?? 0) > MAX_JSON_BODY) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_JSON_BODY) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

interface RawBody {
  text: string;
  json?: unknown;
  /** Why the text is not JSON, when it is not. */
  error?: string;
}

/** Parse once: the log records the body and JSON routes use it. */
function parseBody(text: string): RawBody {
  if (text.trim() === '') return { text };
  try {
    return { text, json: JSON.parse(text) };
  } catch (e) {
    return { text, error: (e as Error).message };
  }
}

function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined;
}

function errorAnswer(status: number, errors: string[], extra?: Record<string, unknown>, headers?: Record<string, string>): Answer {
  return new Answer(status, stringifyJson({ ...extra, errors }), headers);
}

async function listen(server: Server, port: number): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function bodyText(requestId: string, rest: string): string {
  return rest === '{}' ? `{"requestId":"${requestId}"}` : `{"requestId":"${requestId}",${rest.slice(1)}`;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const pageSize = options.pageSize ?? 100;
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new RangeError(`pageSize must be a positive integer, got ${pageSize}`);
  const clock = options.clock ?? Date.now;
  const seed = options.seed ?? 1;
  const anchor = options.anchor ?? todayMidnightUtc(clock());
  for (const [operationId, size] of Object.entries(options.pageSizes ?? {})) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`pageSizes.${operationId} must be a positive integer, got ${size}`);
  }
  const generated = createSandboxData(seed, anchor, options.callCount === undefined ? {} : { callCount: options.callCount });
  const data = options.calls === undefined ? generated : withScriptedCalls(generated, options.calls);
  const state = new SandboxState(data);
  const router = new Router(ROUTES);
  const pager = new Pager(pageSize, randomBytes(16).toString('hex'), options.pageSizes);
  const limiter = new RateLimiter(rateLimitConfig(options.rateLimit), clock);
  const faults = new FaultInjector(options.faults);
  const cache = new Lru<Answer>(CACHE_BYTES, (a) => a.rest.length);
  const today = utcDate(anchor.getTime());
  const logLimit = options.logLimit ?? 50_000;
  const log: SandboxLogEntry[] = [];
  const stats: SandboxStats = { requests: 0, status429: 0, byStatus: {}, faults: {} };
  const timers = new Set<NodeJS.Timeout>();
  const requestIdPrefix = randomBytes(8).readBigUInt64BE().toString(36).slice(0, 10).padStart(10, '0');
  let requestCounter = 0;
  let tokenDelayMs = 0;
  let closed = false;

  const sleep = (ms: number) => new Promise<void>((resolve) => {
    const t = setTimeout(() => {
      timers.delete(t);
      resolve();
    }, ms);
    timers.add(t);
  });

  // Bound after listen, once the ports are known.
  let baseUrl = '';
  let apiBaseUrl = '';
  let auth: AuthStore;
  let oauth: OAuthProvider;

  function record(entry: SandboxLogEntry, status: number): void {
    entry.status = status;
    stats.byStatus[status] = (stats.byStatus[status] ?? 0) + 1;
    if (status === 429) stats.status429++;
  }

  /** Write an answer, applying the response-level fault drawn for this request. */
  async function send(res: ServerResponse, entry: SandboxLogEntry, requestId: string, answer: Answer, fault: FaultDecision | undefined): Promise<void> {
    const kind = fault?.kind;
    if (kind === 'reset') {
      record(entry, 0);
      res.socket?.destroy();
      return;
    }
    let text = bodyText(requestId, answer.rest);
    let status = answer.status;
    if (kind === 'malformed') {
      status = 200;
      text = malformedBody(text);
    }
    const payload = Buffer.from(text);
    res.writeHead(status, {
      'content-type': 'application/json',
      'content-length': String(payload.length),
      'x-traceid': requestId,
      'x-gong-service-version': 'sandbox',
      ...answer.headers,
    });
    record(entry, status);
    if (kind === 'truncated') {
      // Promise the full length, deliver part of it, then drop the connection.
      res.write(payload.subarray(0, Math.max(1, Math.floor(payload.length / 2))), () => res.socket?.destroy());
      return;
    }
    if (kind === 'slow') {
      const size = Math.max(SLOW_CHUNK_BYTES, Math.ceil(payload.length / SLOW_MAX_CHUNKS));
      const delay = faults.current?.slowChunkDelayMs ?? 25;
      for (let i = 0; i < payload.length && !closed && !res.destroyed; i += size) {
        res.write(payload.subarray(i, i + size));
        await sleep(delay);
      }
      res.end();
      return;
    }
    res.end(payload);
  }

  function sendOAuth(res: ServerResponse, entry: SandboxLogEntry, reply: OAuthReply): void {
    const body = reply.body === undefined ? '' : JSON.stringify(reply.body);
    res.writeHead(reply.status, {
      ...(reply.body === undefined ? {} : { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) }),
      'cache-control': 'no-store',
      ...reply.headers,
    });
    record(entry, reply.status);
    res.end(body);
  }

  function checkQuery(route: Route, query: URLSearchParams): string[] {
    const errors: string[] = [];
    for (const p of route.query ?? []) {
      const v = query.get(p.name);
      if (v === null || v === '') {
        if (p.required) errors.push(`Required request parameter '${p.name}' is not present`);
        continue;
      }
      if (p.type === 'int64' && !/^-?\d{1,19}$/.test(v)) errors.push(`${p.name} must be an integer; got '${v}'`);
      if (p.type === 'boolean' && v !== 'true' && v !== 'false') errors.push(`${p.name} must be true or false; got '${v}'`);
      if (p.type === 'enum' && !(p.values ?? []).includes(v)) errors.push(`${p.name} must be one of ${(p.values ?? []).join(', ')}; got '${v}'`);
    }
    return errors;
  }

  async function answerApi(req: IncomingMessage, url: URL, raw: RawBody | undefined, principal: Principal): Promise<Answer> {
    const method = req.method ?? 'GET';
    let match;
    try {
      match = router.match(method, url.pathname);
    } catch {
      return errorAnswer(400, ['Malformed request path']);
    }
    if (match.kind === 'not-found') return errorAnswer(404, ['Not Found']);
    if (match.kind === 'method-not-allowed') return errorAnswer(405, ['Method Not Allowed'], undefined, { allow: match.allow.join(', ') });
    const { route, params } = match;
    if (!hasScope(principal, route.scope)) return errorAnswer(401, [missingScopeMessage(route.scope)]);
    const queryErrors = checkQuery(route, url.searchParams);
    if (queryErrors.length > 0) return errorAnswer(400, queryErrors);

    let body: unknown;
    if (route.body === 'json') {
      if (raw === undefined || raw.text.trim() === '') {
        if (!route.bodyOptional) return errorAnswer(400, ['Required request body is missing']);
      } else {
        if (raw.error !== undefined) return errorAnswer(400, [`Malformed JSON request body: ${raw.error}`]);
        body = raw.json;
        const errors = route.schema ? validate(route.schema, body) : [];
        if (errors.length > 0) return errorAnswer(400, errors);
      }
    }

    // Identical reads against the same state share one serialised answer.
    const key = route.cache ? `${route.operationId}\u0000${url.pathname}\u0000${url.search}\u0000${raw?.text ?? ''}\u0000${state.version}` : undefined;
    if (key !== undefined) {
      const hit = cache.get(key);
      if (hit) return hit;
    }
    const ctx: RouteContext = {
      state, pager, operationId: route.operationId, params, query: url.searchParams, body, req, principal, baseUrl, now: clock, today,
    };
    const result = await route.handle(ctx);
    const answer = new Answer(result.status ?? 200, stringifyJson(result.body));
    if (key !== undefined && !result.noCache) cache.set(key, answer);
    return answer;
  }

  async function handle(req: IncomingMessage, res: ServerResponse, origin: string): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const entry: SandboxLogEntry = { origin, method: req.method ?? 'GET', path: url.pathname, query: queryRecord(url.searchParams), body: undefined, status: 0, at: clock() };
    log.push(entry);
    if (log.length > logLimit) log.splice(0, log.length - logLimit);
    stats.requests++;
    const requestId = `${requestIdPrefix}${(requestCounter++).toString(36).padStart(9, '0')}`;

    const oauthOrigin = origin === baseUrl;
    if (oauthOrigin && url.pathname === '/oauth2/authorize' && req.method === 'GET') {
      sendOAuth(res, entry, oauth.authorize(url.searchParams));
      return;
    }
    if (oauthOrigin && url.pathname === '/oauth2/generate-customer-token' && req.method === 'POST') {
      const form = await readBody(req);
      // Parameters may come as a form body or in the query string (Airbyte sends refresh params there).
      const params = new URLSearchParams(url.searchParams);
      for (const [k, v] of new URLSearchParams(form)) params.set(k, v);
      if (tokenDelayMs > 0) await sleep(tokenDelayMs);
      const reply = oauth.token(req.headers.authorization, params);
      if (reply.exchange) entry.oauth = reply.exchange;
      sendOAuth(res, entry, reply);
      return;
    }

    if (!url.pathname.startsWith('/v2/')) {
      await send(res, entry, requestId, errorAnswer(404, ['Not Found']), undefined);
      return;
    }

    let fault: FaultDecision | undefined;
    if (faults.applies(url.pathname)) {
      fault = faults.decide();
      if (fault.kind !== 'none') {
        entry.fault = fault.kind;
        stats.faults[fault.kind] = (stats.faults[fault.kind] ?? 0) + 1;
      }
      if (fault.latencyMs > 0) await sleep(fault.latencyMs);
      if (fault.kind === 'hang' || fault.kind === 'stall') return; // accepted, never answered (closed by close())
      if (fault.kind === 'reset-before') {
        record(entry, 0);
        res.socket?.destroy();
        return;
      }
      if (fault.kind === '429') {
        const retry = String(faults.current?.retryAfterSeconds ?? 1);
        await send(res, entry, requestId, errorAnswer(429, ['API calls limit exceeded'], undefined, { 'retry-after': retry }), undefined);
        return;
      }
      if (fault.kind === '5xx') {
        await send(res, entry, requestId, errorAnswer(fault.status ?? 500, ['Internal server error occurred']), undefined);
        return;
      }
    }

    let answer: Answer;
    try {
      const decision = limiter.take();
      if (!decision.allowed) {
        answer = errorAnswer(429, [decision.reason === 'daily' ? 'Daily API call quota exceeded' : 'API calls limit exceeded'], undefined, { 'retry-after': String(decision.retryAfterSeconds) });
      } else {
        // Credentials first: a body from an unauthenticated caller is never read, parsed or kept.
        const authResult = auth.authenticate(req.headers.authorization, req.headers.host);
        if (!authResult.ok) {
          answer = errorAnswer(401, [authResult.message]);
        } else {
          const multipart = /^multipart\//i.test(req.headers['content-type'] ?? '');
          // Multipart uploads are streamed by their handler; other bodies are read (and logged) here.
          const raw = !multipart && hasBody(req) ? parseBody(await readBody(req)) : undefined;
          entry.body = raw?.json;
          if (authResult.tokenId !== undefined) entry.tokenId = authResult.tokenId;
          answer = await answerApi(req, url, raw, authResult.principal);
        }
      }
    } catch (e) {
      if (e instanceof GongHttpError) {
        answer = errorAnswer(e.status, e.errors, e.extra);
      } else {
        // A sandbox bug: answer like Gong's 500 and say so loudly.
        process.stderr.write(`gong sandbox: ${req.method} ${url.pathname} failed: ${(e as Error).stack ?? String(e)}\n`);
        answer = errorAnswer(500, ['Internal server error occurred']);
      }
    }
    entry.handled = answer.status;
    if (fault?.kind === '5xx-after') answer = errorAnswer(fault.status ?? 502, ['Internal server error occurred']);
    await send(res, entry, requestId, answer, fault);
  }

  const serve = (origin: () => string): Server => {
    const server = createServer((req, res) => {
      handle(req, res, origin()).catch((e: unknown) => {
        process.stderr.write(`gong sandbox: ${String(e)}\n`);
        if (!res.headersSent) res.writeHead(500).end();
      });
    });
    server.keepAliveTimeout = 5_000;
    return server;
  };
  const server = serve(() => baseUrl);
  baseUrl = await listen(server, options.port ?? 0);
  const apiServer = options.customerApiHost === true ? serve(() => apiBaseUrl) : undefined;
  apiBaseUrl = apiServer ? await listen(apiServer, 0) : baseUrl;
  const hostOf = (origin: string) => new URL(origin).host;
  auth = new AuthStore(seed, clock, hostOf(baseUrl), options.oauthClient);
  oauth = new OAuthProvider(auth, clock, { baseUrl: apiBaseUrl, host: hostOf(apiBaseUrl) }, options.accessTokenTtlSeconds ?? 86_400);
  const bearerToken = auth.issue([...ALL_SCOPES]);

  return {
    baseUrl,
    apiBaseUrl,
    credentials: auth.credentials(bearerToken),
    oauthClient: auth.oauthClient,
    data,
    get log() {
      return log;
    },
    clearLog() {
      log.length = 0;
    },
    issueToken(scopes, opts) {
      return auth.issue(scopes, opts?.expiresInSeconds);
    },
    setFaults(f) {
      faults.set(f);
    },
    setTokenDelay(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`token delay must be a non-negative number of ms, got ${ms}`);
      tokenDelayMs = ms;
    },
    expireAccessTokens() {
      auth.expireAll();
    },
    setRateLimit(limit) {
      limiter.configure(rateLimitConfig(limit));
    },
    stats() {
      return { requests: stats.requests, status429: stats.status429, byStatus: { ...stats.byStatus }, faults: { ...stats.faults } };
    },
    writes() {
      return state.writes();
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      const servers = apiServer ? [server, apiServer] : [server];
      await Promise.all(servers.map((s) => new Promise<void>((resolve) => {
        s.close(() => resolve());
        s.closeAllConnections();
      })));
    },
  };
}
