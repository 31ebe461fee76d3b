// Direct transport: undici straight to the customer's Gong API host, one keep-alive pool per
// origin, the pipeline's per-request timeout applied to the whole exchange (slow bodies too), and
// reading stopped at the pipeline's size cap. Failures are reported as facts (TransportFailure).
import { EventEmitter } from 'node:events';
import { Agent, FormData, request, type Dispatcher } from 'undici';
import type { Credential } from '../auth/credentials.js';
import { InvalidInputError } from '../http/errors.js';
import { finalUrl, formatQuery } from '../http/path.js';
import { lowerCaseHeaders, multipartForm, requestHeaders } from './common.js';
import { TransportFailure } from './failure.js';
import type { Transport, TransportRequest, TransportResponse } from './types.js';

export interface DirectTransportOptions {
  /** Origin of the Gong API host, e.g. `https://api.gong.io` (validated by the config). */
  baseUrl: string;
  credential: Credential;
  userAgent: string;
  dispatcher?: Dispatcher | undefined;
}

// undici's codes for an exchange that ran out of time (the pipeline's timeout, applied here).
const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);

export class DirectTransport implements Transport {
  readonly kind = 'direct';
  readonly enforcesTimeout = true;
  readonly baseUrl: string;
  private readonly dispatcher: Dispatcher;
  private readonly ownsDispatcher: boolean;

  /** Connections this transport's own Agent has opened (unknown for a dispatcher passed in). */
  private connects = 0;

  constructor(private readonly options: DirectTransportOptions) {
    this.baseUrl = options.baseUrl;
    this.ownsDispatcher = options.dispatcher === undefined;
    if (options.dispatcher) {
      this.dispatcher = options.dispatcher;
    } else {
      const agent = new Agent({ keepAliveTimeout: 30_000, connections: 8, pipelining: 1 });
      agent.on('connect', () => { this.connects += 1; });
      this.dispatcher = agent;
    }
  }

  describe(): string {
    return `direct ${this.options.baseUrl} (${this.options.credential.scheme} from ${this.options.credential.source})`;
  }

  companyKey(): string {
    return `${this.options.baseUrl}#${this.options.credential.fingerprint()}`;
  }

  async refreshCredentials(): Promise<boolean> {
    return this.options.credential.refresh ? this.options.credential.refresh() : false;
  }

  async send(req: TransportRequest): Promise<TransportResponse> {
    if (req.signal?.aborted) throw new TransportFailure({ kind: 'aborted', cause: req.signal.reason });
    // One timer bounds the whole exchange, slow bodies included. undici takes an EventEmitter as
    // its signal: AbortSignal.timeout/AbortSignal.any and their EventTarget listeners cost
    // 10–30 µs per request on Node 20 (measured by `npm run bench`), an emitter under 1 µs. The
    // caller's AbortSignal is forwarded only when there is one.
    const abort = new EventEmitter();
    let timedOut = false;
    const timer = setTimeout(() => { timedOut = true; abort.emit('abort'); }, req.timeoutMs);
    timer.unref();
    const onCallerAbort = () => abort.emit('abort');
    req.signal?.addEventListener('abort', onCallerAbort, { once: true });
    try {
      return await this.exchange(req, abort, () => timedOut);
    } finally {
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', onCallerAbort);
    }
  }

  private async exchange(req: TransportRequest, abort: EventEmitter, timedOut: () => boolean): Promise<TransportResponse> {
    const headers = requestHeaders(req);
    headers['user-agent'] = this.options.userAgent;
    headers.authorization = await this.options.credential.authorization();
    const body = req.body?.kind === 'json' ? req.body.text : req.body?.kind === 'multipart' ? await multipartForm(req.body, FormData) : null;
    // The last guard before the network: the parsed URL must keep the configured origin and
    // exactly the path the pipeline checked (no dot-segment a URL parser would resolve).
    const url = finalUrl(this.options.baseUrl, req.path, formatQuery(req.query));
    if (url === undefined) {
      throw new InvalidInputError({ message: `Refused to send ${req.method} ${req.path}: the URL would leave ${this.options.baseUrl}/v2/; nothing was sent.`, method: req.method, field: 'path' });
    }
    let answered = false;
    const connectsBefore = this.connects;
    try {
      const res = await request(url, {
        method: req.method,
        headers,
        body,
        signal: abort,
        dispatcher: this.dispatcher,
        headersTimeout: req.timeoutMs,
        bodyTimeout: req.timeoutMs,
      });
      answered = true;
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > req.maxResponseBytes) {
        discard(res.body);
        throw new TransportFailure({ kind: 'too_large', answered });
      }
      // A declared length within the cap is read in one go, without per-chunk async iteration.
      const text = Number.isSafeInteger(declared) && res.headers['content-length'] !== undefined
        ? await res.body.text()
        : await readText(res.body, req.maxResponseBytes);
      // No connection opened while this request was out (any, to stay on the safe side with
      // concurrent requests): it went on one already open.
      const connectionReused = this.ownsDispatcher && connectsBefore > 0 && this.connects === connectsBefore;
      return { status: res.statusCode, headers: lowerCaseHeaders(res.headers), text, connectionReused };
    } catch (error) {
      throw failureOf(error, answered, timedOut(), req.signal);
    }
  }

  async close(): Promise<void> {
    if (this.ownsDispatcher) await this.dispatcher.close();
  }
}

async function readText(body: Dispatcher.ResponseData['body'], maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > maxBytes) {
      discard(body);
      throw new TransportFailure({ kind: 'too_large', answered: true });
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks, size).toString('utf8');
}

/** Stop reading a body and drop its connection; the stream's late errors have a listener. */
function discard(body: Dispatcher.ResponseData['body']): void {
  body.on('error', () => undefined);
  body.destroy();
}

/** What an undici error says happened: facts for the pipeline, which words and classifies them. */
function failureOf(error: unknown, answered: boolean, timedOut: boolean, callerSignal: AbortSignal | undefined): TransportFailure {
  if (error instanceof TransportFailure) return error;
  const code = (error as { code?: unknown } | null)?.code;
  const known = typeof code === 'string' ? code : undefined;
  if (callerSignal?.aborted) return new TransportFailure({ kind: 'aborted', answered, code: known, cause: error });
  if (timedOut || (known !== undefined && TIMEOUT_CODES.has(known))) return new TransportFailure({ kind: 'timeout', answered, code: known, cause: error });
  return new TransportFailure({ kind: 'network', answered, code: known, cause: error });
}
