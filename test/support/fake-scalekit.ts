// A local fake Scalekit environment on one loopback port, for the real `@scalekit-sdk/node`:
// HTTP/1.1 for `POST /oauth/token` and `/proxy/...` (axios), h2c gRPC for the
// ConnectedAccountService (connect-node's gRPC transport always speaks HTTP/2). The first bytes
// of each connection decide: the HTTP/2 preface ("PRI * HTTP/2.0") goes to the gRPC server,
// anything else to the HTTP/1.1 server. The proxy forwards to a Gong fake (`upstream`).
import { createServer as createHttp1, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttp2, type Http2ServerRequest, type Http2ServerResponse } from 'node:http2';
import { createServer as createNet, type AddressInfo, type Socket } from 'node:net';
import { Code, ConnectError, type ConnectRouter, type HandlerContext } from '@connectrpc/connect';
import { connectNodeAdapter } from '@connectrpc/connect-node';
import { ConnectedAccountService, ConnectorStatus } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/connected_accounts/connected_accounts_pb.js';
import { readBody, record, type RecordedRequest } from './server.js';

export { ConnectorStatus };

export interface FakeScalekitOptions {
  clientId: string;
  clientSecret: string;
  /** The Gong fake the proxy forwards to. */
  upstream: string;
  /** A secret planted in every account's authorizationDetails, to prove it never leaks. */
  gongTokenCanary?: string;
  /** Tokens the gRPC side accepts besides its own (when a test issues tokens with nock). */
  acceptTokens?: string[];
  /**
   * The Authorization header the proxy sends upstream, as the real proxy injects the connected
   * account's Gong credential (e.g. the Gong sandbox's `Bearer …`). Default: none (Gong fakes that
   * do not check auth). The caller's own Authorization (the Scalekit token) is never forwarded.
   */
  upstreamAuthorization?: string;
}

export interface LogEntry {
  kind: 'token' | 'grpc' | 'proxy';
  path: string;
  authorization: string | undefined;
  request?: RecordedRequest;
}

export interface FakeScalekit {
  url: string;
  log: LogEntry[];
  tokensIssued: string[];
  /** Set (or delete, with undefined) a connected account. */
  setAccount(connectionName: string, identifier: string, status: ConnectorStatus | undefined): void;
  /** Invalidate every issued token (as if it expired). */
  revokeTokens(): void;
  /** Drop response headers the real proxy may not forward (e.g. retry-after). */
  stripHeaders: Set<string>;
  /**
   * When set, the proxy answers authenticated proxy requests itself instead of forwarding them
   * (a misbehaving or hostile proxy: redirects, echoed headers); undefined forwards again.
   */
  proxyReply: ((request: RecordedRequest) => { status: number; headers?: Record<string, string>; text: string }) | undefined;
  close(): Promise<void>;
}

export async function startFakeScalekit(options: FakeScalekitOptions): Promise<FakeScalekit> {
  const log: LogEntry[] = [];
  const tokensIssued: string[] = [];
  const valid = new Set<string>(options.acceptTokens ?? []);
  const accounts = new Map<string, ConnectorStatus>();
  const stripHeaders = new Set<string>();
  const keyOf = (c: string, i: string) => `${c}\u0000${i}`;
  let url = '';

  const bearer = (value: string | null | undefined): string | undefined => /^Bearer (.+)$/.exec(value ?? '')?.[1];
  const requireToken = (ctx: HandlerContext, path: string) => {
    const authorization = ctx.requestHeader.get('authorization') ?? undefined;
    log.push({ kind: 'grpc', path, authorization });
    const token = bearer(authorization);
    if (!token || !valid.has(token)) throw new ConnectError('token missing or expired', Code.Unauthenticated);
  };

  const routes = (router: ConnectRouter) => {
    router.service(ConnectedAccountService, {
      getConnectedAccountAuth(req, ctx) {
        requireToken(ctx, 'GetConnectedAccountAuth');
        const connector = req.connector ?? '';
        const identifier = req.identifier ?? '';
        const status = accounts.get(keyOf(connector, identifier));
        if (status === undefined) throw new ConnectError('connected account not found', Code.NotFound);
        return {
          connectedAccount: {
            identifier,
            connector,
            provider: 'GONG',
            status,
            id: `ca_${identifier}`,
            authorizationDetails: {
              details: { case: 'oauthToken', value: { accessToken: options.gongTokenCanary ?? 'gong-access', refreshToken: 'gong-refresh', scopes: [], domain: '' } },
            },
          },
        };
      },
      getMagicLinkForConnectedAccount(req, ctx) {
        requireToken(ctx, 'GetMagicLinkForConnectedAccount');
        return { link: `${url}/magic-link/${encodeURIComponent(req.connector ?? '')}/${encodeURIComponent(req.identifier ?? '')}` };
      },
    });
  };

  const grpcHandler = connectNodeAdapter({ grpc: true, connect: false, grpcWeb: false, routes });
  const h2 = createHttp2((req: Http2ServerRequest, res: Http2ServerResponse) => grpcHandler(req, res));

  const h1 = createHttp1((req, res) => {
    void handleHttp1(req, res).catch((error: unknown) => {
      res.writeHead(599);
      res.end(String(error));
    });
  });

  async function handleHttp1(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const recorded = record(req, await readBody(req));
    if (recorded.path === '/oauth/token' && recorded.method === 'POST') {
      log.push({ kind: 'token', path: recorded.url, authorization: recorded.headers.authorization, request: recorded });
      const form = new URLSearchParams(recorded.text);
      if (form.get('grant_type') !== 'client_credentials' || form.get('client_id') !== options.clientId || form.get('client_secret') !== options.clientSecret) {
        res.writeHead(401, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: 'invalid_client' }));
        return;
      }
      const token = `tok_${tokensIssued.length + 1}`;
      tokensIssued.push(token);
      valid.add(token);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ access_token: token, token_type: 'Bearer', expires_in: 86399 }));
      return;
    }
    if (recorded.path.startsWith('/proxy/')) {
      log.push({ kind: 'proxy', path: recorded.url, authorization: recorded.headers.authorization, request: recorded });
      const token = bearer(recorded.headers.authorization);
      if (!token || !valid.has(token)) {
        res.writeHead(401, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: 'unauthenticated', error_description: 'invalid or missing token' }));
        return;
      }
      const status = accounts.get(keyOf(String(recorded.headers.connection_name ?? ''), String(recorded.headers.identifier ?? '')));
      if (status !== ConnectorStatus.ACTIVE) {
        res.writeHead(401, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ code: 16, message: 'connected account is not active' }));
        return;
      }
      const own = fake.proxyReply?.(recorded);
      if (own) {
        res.writeHead(own.status, { 'content-type': 'application/json', ...own.headers });
        res.end(own.text);
        return;
      }
      await forward(recorded, res);
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ message: 'no such route' }));
  }

  async function forward(recorded: RecordedRequest, res: ServerResponse): Promise<void> {
    const target = new URL(recorded.url.slice('/proxy'.length), options.upstream);
    const headers: Record<string, string> = {};
    if (options.upstreamAuthorization !== undefined) headers.authorization = options.upstreamAuthorization;
    for (const name of ['content-type', 'accept']) {
      const value = recorded.headers[name];
      if (value !== undefined) headers[name] = String(value);
    }
    await new Promise<void>((resolve, reject) => {
      const out = httpRequest(target, { method: recorded.method, headers }, (upstream) => {
        const back: Record<string, string | string[]> = {};
        for (const [k, v] of Object.entries(upstream.headers)) {
          if (v !== undefined && !stripHeaders.has(k) && !['connection', 'keep-alive', 'transfer-encoding', 'date'].includes(k)) back[k] = v;
        }
        res.writeHead(upstream.statusCode ?? 502, upstream.statusMessage, back);
        upstream.pipe(res);
        upstream.on('end', resolve);
      });
      out.on('error', reject);
      // With its length, as a proxy forwards it: Node would otherwise send a GET's body (Gong's
      // GET /v2/crm/entities takes a JSON array) unframed, and upstream would read none.
      const body = recorded.raw.length === 0 ? undefined : recorded.raw;
      if (body) out.setHeader('content-length', body.length);
      out.end(body);
    });
  }

  const sockets = new Set<Socket>();
  const mux = createNet((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.once('readable', () => {
      const first = socket.read() as Buffer | null;
      if (first === null) return void socket.destroy();
      socket.unshift(first);
      (first.subarray(0, 3).toString('latin1') === 'PRI' ? h2 : h1).emit('connection', socket);
    });
  });
  await new Promise<void>((resolve) => mux.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(mux.address() as AddressInfo).port}`;

  const fake: FakeScalekit = {
    url,
    log,
    tokensIssued,
    stripHeaders,
    proxyReply: undefined,
    setAccount(connectionName, identifier, status) {
      if (status === undefined) accounts.delete(keyOf(connectionName, identifier));
      else accounts.set(keyOf(connectionName, identifier), status);
    },
    revokeTokens() {
      valid.clear();
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => mux.close(() => resolve()));
      h1.close();
      h2.close();
    },
  };
  return fake;
}
