// Redis shared by several machines (the limiter's state, `auth login` tokens), through Redis's own
// client, node-redis, loaded with a dynamic import so nothing loads it unless Redis is used (the
// single-file skill bundle leaves it out). A caller may pass its own client instead: anything with
// `sendCommand(args)`; an ioredis client adapts in one line:
//   { sendCommand: (args) => ioredis.call(args[0], ...args.slice(1)) }
//
// An idle connection never keeps the process alive (the socket is referenced only while a command
// waits). Failures are fast and uniform: connecting gives up after ~1 s, commands are never queued while
// disconnected, a dropped connection is retried twice and then at most once per second on use,
// and all of it surfaces as one RedisUnavailableError naming host:port (never the URL: it may hold
// a password). Lua scripts run with EVALSHA and fall back to EVAL when the server lost its cache.
import { createHash } from 'node:crypto';
import { ConnectionError, type GongErrorInit, InternalError } from '../http/errors.js';
import { parseRedisUrl } from './redis-url.js';

/** What a caller-supplied client must offer (a node-redis client has it). */
export interface RedisCommands {
  sendCommand(args: string[]): Promise<unknown>;
}

export interface LuaScript {
  readonly source: string;
  /** SHA-1 of the source, for EVALSHA. */
  readonly sha: string;
}

export interface SharedRedis {
  /** Run a Lua script (EVALSHA; EVAL when the server does not know it). */
  run(script: LuaScript, keys: string[], args: (string | number)[]): Promise<unknown>;
  command(args: string[]): Promise<unknown>;
  /** Close the connection this module opened; a caller's own client is left open. */
  close(): Promise<void>;
}

export interface OpenRedisOptions {
  /** Give up connecting after this long (ms); default 1000. */
  connectTimeoutMs?: number;
  /** Give up on one command after this long (ms); default 2000. */
  commandTimeoutMs?: number;
}

/** Redis could not be reached, or dropped the connection: the caller falls back or reports it. */
export class RedisUnavailableError extends ConnectionError {
  constructor(init: GongErrorInit) {
    super({ field: 'GONG_REDIS_URL', reached: false, ...init });
  }
}

export function defineLua(source: string): LuaScript {
  return { source, sha: createHash('sha1').update(source).digest('hex') };
}

/** Connect to `target` (a redis:// or rediss:// URL) or wrap a caller's client. */
export async function openRedis(target: string | RedisCommands, options: OpenRedisOptions = {}): Promise<SharedRedis> {
  if (typeof target !== 'string') return shared(target, 'the Redis client passed in code', async () => undefined);
  const { url, where } = parseRedisUrl(target);
  const connection = new OwnedConnection(url, where, options);
  await connection.client();
  return shared({ sendCommand: (args) => connection.send(args) }, `Redis at ${where}`, () => connection.close());
}

function shared(client: RedisCommands, name: string, close: () => Promise<void>): SharedRedis {
  const command = async (args: string[]): Promise<unknown> => {
    try {
      return await client.sendCommand(args);
    } catch (error) {
      throw asRedisError(error, name);
    }
  };
  return {
    command,
    async run(script, keys, args) {
      const rest = [String(keys.length), ...keys, ...args.map(String)];
      try {
        return await command(['EVALSHA', script.sha, ...rest]);
      } catch (error) {
        if (!(error instanceof InternalError) || !error.message.includes('NOSCRIPT')) throw error;
        return command(['EVAL', script.source, ...rest]); // loads it into the server's cache too
      }
    },
    close,
  };
}

/** Redis answers that mean "not now" (loading, busy, a failover, refused credentials): an outage. */
const OUTAGE_REPLY = /^(LOADING|BUSY|MASTERDOWN|CLUSTERDOWN|TRYAGAIN|READONLY|NOAUTH|WRONGPASS|NOPERM|OOM)\b/;

/** An error Redis answered with (a script's error, a wrong type): not an outage. */
function isReplyError(error: unknown): boolean {
  if (!(error instanceof Error) || OUTAGE_REPLY.test(error.message)) return false;
  return ['ErrorReply', 'SimpleError', 'BlobError', 'ReplyError'].includes(error.name) || /^(ERR|WRONGTYPE|NOSCRIPT|CROSSSLOT|EXECABORT)\b/.test(error.message);
}

function asRedisError(error: unknown, name: string): Error {
  if (error instanceof RedisUnavailableError) return error;
  const reason = error instanceof Error ? error.message : String(error);
  if (isReplyError(error)) return new InternalError({ message: `${name} answered with an error: ${reason}` });
  return new RedisUnavailableError({ message: `${name} is unavailable: ${reason}`, cause: error });
}

interface NodeRedisClient extends RedisCommands {
  readonly isOpen: boolean;
  connect(): Promise<unknown>;
  close(): Promise<void>;
  destroy(): void;
  on(event: 'error', listener: (error: unknown) => void): unknown;
  ref(): void;
  unref(): void;
}

/** Drop a client at once; one already closed (node-redis throws then) needs nothing. */
function destroyQuietly(client: NodeRedisClient): void {
  try {
    client.destroy();
  } catch {
    // already closed
  }
}

/** Retry a dropped connection at most this often, on use. */
const RECONNECT_EVERY_MS = 1_000;

/** A node-redis connection opened here, re-opened on use after a drop (at most once per second). */
class OwnedConnection {
  private current: NodeRedisClient | undefined;
  private opening: Promise<NodeRedisClient> | undefined;
  private lastAttemptAt = Number.NEGATIVE_INFINITY;
  private lastFailure = '';
  private closed = false;

  constructor(private readonly url: string, private readonly where: string, private readonly options: OpenRedisOptions) {}

  // The socket keeps the process alive only while a command is waiting for its answer: an idle
  // connection must not stop a CLI run from exiting, a pending answer must not be cut off.
  private busy = 0;

  async send(args: string[]): Promise<unknown> {
    const client = await this.client();
    this.busy += 1;
    client.ref();
    // node-redis's own command timeout does not cover an answer that never comes (a stopped
    // server): past the deadline the connection is destroyed, so nothing waits on it forever and
    // the process can exit; the next use opens a new one.
    const ms = this.options.commandTimeoutMs ?? 2_000;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        if (this.current === client) this.current = undefined;
        destroyQuietly(client);
        reject(this.unavailable(`no answer within ${ms} ms`));
      }, ms);
    });
    const answer = client.sendCommand(args);
    answer.catch(() => undefined);
    try {
      return await Promise.race([answer, deadline]);
    } finally {
      clearTimeout(timer);
      if (--this.busy === 0) client.unref();
    }
  }

  client(): Promise<NodeRedisClient> {
    if (this.closed) return Promise.reject(this.unavailable('the connection was closed'));
    if (this.current?.isOpen) return Promise.resolve(this.current);
    if (this.opening) return this.opening;
    if (Date.now() - this.lastAttemptAt < RECONNECT_EVERY_MS) return Promise.reject(this.unavailable(this.lastFailure));
    this.lastAttemptAt = Date.now();
    this.opening = this.connect().finally(() => {
      this.opening = undefined;
    });
    return this.opening;
  }

  async close(): Promise<void> {
    this.closed = true;
    const client = this.current;
    this.current = undefined;
    if (client?.isOpen) await client.close().catch(() => destroyQuietly(client));
  }

  private async connect(): Promise<NodeRedisClient> {
    const { createClient } = await import('redis');
    let ready = false;
    const client: NodeRedisClient = createClient({
      url: this.url,
      disableOfflineQueue: true,
      commandOptions: { timeout: this.options.commandTimeoutMs ?? 2_000 },
      socket: {
        connectTimeout: this.options.connectTimeoutMs ?? 1_000,
        // The first connection fails fast; a dropped one is retried twice, quickly.
        reconnectStrategy: (retries: number) => (ready && retries < 2 ? 50 * 2 ** retries : false),
      },
    });
    client.on('error', (error: unknown) => {
      this.lastFailure = error instanceof Error ? error.message : String(error);
    });
    // Connecting includes a handshake (node-redis sends its CLIENT SETINFO commands) whose answer
    // a stalled server never gives, and the socket timeout covers only the TCP connect: past the
    // deadline the client is destroyed, so it cannot keep the process alive.
    const ms = (this.options.connectTimeoutMs ?? 1_000) + (this.options.commandTimeoutMs ?? 2_000);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        destroyQuietly(client);
        reject(new Error(`no answer within ${ms} ms`));
      }, ms);
    });
    const connecting = client.connect();
    connecting.catch(() => undefined);
    try {
      await Promise.race([connecting, deadline]);
    } catch (error) {
      this.lastFailure = error instanceof Error ? error.message : String(error);
      if (client.isOpen) destroyQuietly(client);
      throw this.unavailable(this.lastFailure);
    } finally {
      clearTimeout(timer);
    }
    ready = true;
    client.unref();
    this.current = client;
    return client;
  }

  private unavailable(reason: string): RedisUnavailableError {
    return new RedisUnavailableError({
      message: `Redis at ${this.where} is unavailable${reason ? `: ${reason}` : ''}.`,
      hint: 'Check that Redis is running and reachable at GONG_REDIS_URL.',
    });
  }
}
