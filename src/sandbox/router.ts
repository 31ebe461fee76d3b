// The route table: one entry per operation of Gong's spec. Only the most specific templates that match
// a path count (the most literal segments), so `GET /v2/calls/extensive` is a 405 on the known path
// `/v2/calls/extensive` rather than a lookup of call "extensive"; a wrong verb there is a 405.
import type { IncomingMessage } from 'node:http';
import type { Principal } from './auth.js';
import type { Pager } from './paging.js';
import type { Schema } from './schema.js';
import type { SandboxState } from './state.js';
import type { HttpMethod } from '../http/path.js';

export interface QueryParam {
  name: string;
  required?: boolean;
  /** `int64`: digits only; `boolean`: true|false; `enum`: one of `values`. */
  type?: 'string' | 'int64' | 'boolean' | 'enum';
  values?: readonly string[];
}

export interface RouteContext {
  state: SandboxState;
  pager: Pager;
  operationId: string;
  params: Record<string, string>;
  query: URLSearchParams;
  /** Parsed JSON body (undefined when absent or for multipart routes). */
  body: unknown;
  req: IncomingMessage;
  principal: Principal;
  baseUrl: string;
  now: () => number;
  /** The data's "today" (UTC day of the anchor), `YYYY-MM-DD`. */
  today: string;
}

export interface RouteResult {
  status?: number;
  body: Record<string, unknown>;
  /** Set when this particular answer must not be cached (e.g. it embeds a time-limited URL). */
  noCache?: boolean;
}

export interface Route {
  method: HttpMethod;
  /** The spec's path template, e.g. `/v2/calls/{id}`. */
  path: string;
  operationId: string;
  /** Scope a bearer token needs (docs/gong-api.md#scopes). */
  scope: string;
  query?: readonly QueryParam[];
  /** `json`: a JSON body is read (required unless `bodyOptional`); `multipart`: the handler streams `req`. */
  body?: 'json' | 'multipart';
  bodyOptional?: boolean;
  schema?: Schema;
  /** Pure read whose answer depends only on the request and state version: serialised answers are cached. */
  cache?: boolean;
  handle(ctx: RouteContext): RouteResult | Promise<RouteResult>;
}

interface Compiled {
  route: Route;
  segments: string[];
  literals: number;
}

export type Match =
  | { kind: 'route'; route: Route; params: Record<string, string> }
  | { kind: 'method-not-allowed'; allow: HttpMethod[] }
  | { kind: 'not-found' };

export class Router {
  private readonly compiled: Compiled[];

  constructor(readonly routes: readonly Route[]) {
    this.compiled = routes.map((route) => {
      const segments = route.path.split('/').slice(1);
      return { route, segments, literals: segments.filter((s) => !s.startsWith('{')).length };
    });
    // Most literal first, so `/v2/calls/extensive` beats `/v2/calls/{id}`.
    this.compiled.sort((a, b) => b.literals - a.literals);
  }

  match(method: string, path: string): Match {
    const parts = path.split('/').slice(1);
    const allow: HttpMethod[] = [];
    let best = -1;
    for (const c of this.compiled) {
      if (c.segments.length !== parts.length || c.literals < best) continue;
      const params: Record<string, string> = {};
      let ok = true;
      for (let i = 0; i < parts.length && ok; i++) {
        const seg = c.segments[i] as string;
        const part = parts[i] as string;
        if (seg.startsWith('{')) {
          if (part === '') ok = false;
          else params[seg.slice(1, -1)] = decodeURIComponent(part);
        } else if (seg !== part) {
          ok = false;
        }
      }
      if (!ok) continue;
      best = c.literals;
      if (c.route.method === method) return { kind: 'route', route: c.route, params };
      if (!allow.includes(c.route.method)) allow.push(c.route.method);
    }
    return allow.length > 0 ? { kind: 'method-not-allowed', allow } : { kind: 'not-found' };
  }
}
