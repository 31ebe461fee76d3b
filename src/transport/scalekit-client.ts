// Builds the real Scalekit SDK client — loaded only here, by dynamic import, so the direct
// transport and `gong-connector tools` never pay for axios, connect and protobuf.
//
// `actions.request` exposes no `responseType`, `transformResponse` or `validateStatus`: by
// default axios JSON-parses Gong's body (int64 ids beyond 2^53 lose digits) and non-2xx answers
// are thrown as exceptions that drop the response headers (Retry-After) and the exact status.
// The SDK's axios instance is runtime-reachable (`client.coreClient.axios`, TS-private), so a
// request interceptor on it asks, for proxy calls only, for the raw body text and for every
// status as a response. When that shape is missing (another SDK version) the transport falls
// back to the SDK's parsed data and exceptions, which lose int64 digits and Retry-After.
//
// The same interceptor turns off redirects for proxy calls (axios follows them by default: a
// proxy's 307 would re-send Gong's body to any host and its answer would pass as Gong's) and
// learns the Scalekit access token the SDK is about to send (`coreClient.accessToken`, set into
// the request by the SDK's own interceptor, which axios runs after this one), so a proxy echoing
// it is redacted.
import { registerSecret } from '../http/redact.js';
import type { ScalekitActionsLike } from './scalekit-actions.js';

export interface ScalekitClientHandle {
  actions: ScalekitActionsLike;
  /** True when proxy responses come back as raw text with every status (see above). */
  rawResponses: boolean;
  /** What this client cannot do, in words for the user (empty when nothing is lost). */
  limitations: string[];
  /** Fetches a fresh Scalekit token; undefined when the SDK's internals are not reachable. */
  reauthenticate: (() => Promise<void>) | undefined;
  /** The text without any Scalekit access token sent so far (a proxy may echo it). */
  scrub(text: string): string;
}

/** Said by `auth status` and the debug hook when the interceptor cannot be installed. */
export const NO_RAW_RESPONSES =
  "This Scalekit SDK version does not expose its HTTP client, so the connector cannot read Gong's raw answers through it: integers beyond 2^53 (Gong's int64 ids) may lose digits, and Retry-After on refused requests is not seen.";

/** The parts of a `ScalekitClient` used here (a fake one satisfies it in tests). */
export interface ScalekitClientLike {
  actions: ScalekitActionsLike;
  coreClient?: CoreClientLike | undefined;
}

interface AxiosConfigLike {
  url?: string;
  baseURL?: string;
  responseType?: string;
  validateStatus?: (status: number) => boolean;
  maxRedirects?: number;
  transformResponse?: Array<(data: unknown) => unknown>;
  maxContentLength?: number;
}

interface CoreClientLike {
  axios?: { interceptors?: { request?: { use(fn: (config: AxiosConfigLike) => AxiosConfigLike): number } } };
  authenticateClient?: () => Promise<void>;
  /** The Scalekit token the SDK's own interceptor (which runs after this one) sends. */
  accessToken?: unknown;
}

export interface ScalekitClientSettings {
  environmentUrl: string;
  clientId: string;
  clientSecret: string;
  /** Timeout for proxied Gong calls (ms); the transport also passes it per call. */
  toolTimeoutMs: number;
  /** Hard cap on a proxied response body (bytes). */
  maxResponseBytes: number;
}

export async function createScalekitClient(settings: ScalekitClientSettings): Promise<ScalekitClientHandle> {
  const sdk = await import('@scalekit-sdk/node');
  const client = new sdk.ScalekitClient(settings.environmentUrl, settings.clientId, settings.clientSecret, {
    toolTimeoutMs: settings.toolTimeoutMs,
  });
  return scalekitHandle(client as unknown as ScalekitClientLike, settings);
}

/** Install the raw-response interceptor on a built client and say what is lost when it cannot be. */
export function scalekitHandle(client: ScalekitClientLike, settings: Pick<ScalekitClientSettings, 'environmentUrl' | 'maxResponseBytes'>): ScalekitClientHandle {
  const core = client.coreClient;
  const tokens = new Set<string>();
  const rawResponses = installRawProxyResponses(core, settings.environmentUrl, settings.maxResponseBytes, (token) => {
    if (tokens.has(token)) return;
    tokens.add(token);
    registerSecret(token);
  });
  const authenticate = core?.authenticateClient;
  return {
    actions: client.actions,
    rawResponses,
    limitations: rawResponses ? [] : [NO_RAW_RESPONSES],
    reauthenticate: typeof authenticate === 'function' ? () => authenticate.call(core) : undefined,
    scrub: (text) => {
      let out = text;
      for (const token of tokens) if (out.includes(token)) out = out.split(token).join('');
      return out;
    },
  };
}

/** Exported for tests: the interceptor alone, on any axios-shaped core client. */
export function installRawProxyResponses(core: CoreClientLike | undefined, environmentUrl: string, maxBytes: number, onToken?: (token: string) => void): boolean {
  const use = core?.axios?.interceptors?.request?.use;
  if (typeof use !== 'function') return false;
  const proxyPrefix = `${environmentUrl.replace(/\/$/, '')}/proxy/`;
  use.call(core!.axios!.interceptors!.request, (config) => {
    if (typeof config.url === 'string' && config.url.startsWith(proxyPrefix)) {
      config.responseType = 'text';
      config.transformResponse = [(data) => data];
      config.validateStatus = () => true;
      config.maxContentLength = maxBytes;
      config.maxRedirects = 0;
      const token = core!.accessToken;
      if (typeof token === 'string' && token.length >= 4) onToken?.(token);
    }
    return config;
  });
  return true;
}
