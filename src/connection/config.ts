// resolveConfig: options + environment → one configuration, computed once per connector and
// shared by Connector and authStatus/authConnect, so both always agree on the connection.
// The environment is read through config/env.ts only. Every credential is registered with the
// redaction guard first, the debug sink (redacting) exists before any transport is built, and the
// connection (which credential, which transport) is resolved on first use and then kept.
import { systemClock, type Clock } from '../http/clock.js';
import { ConfigurationError } from '../http/errors.js';
import type { RequestHooks } from '../pipeline/hooks.js';
import { redactText, registerKeyPair, registerSecret } from '../http/redact.js';
import { envValue, uploadDirFrom, type Env } from '../config/env.js';
import { resolvePolicy, type ResolvedPolicy } from '../config/policy.js';
import { registerEnvSecrets } from '../config/secrets.js';
import type { LimiterStore } from '../state/limiter/types.js';
import type { Transport } from '../transport/types.js';
import { resolveDirect, type DirectSettings, type StoredCredentialLoader } from './direct-credential.js';
import { limiterStoreFor } from './limiter-store.js';
import { splitOptions, type ConnectorOptions } from './options.js';
import { hasScalekitSettings, resolveScalekitSettings, type ScalekitSettings } from './scalekit-settings.js';

/** Which way Gong is reached, with its settings; `none` when nothing is configured. */
export type Connection =
  | ({ kind: 'direct' } & DirectSettings)
  | { kind: 'scalekit'; settings: ScalekitSettings }
  | { kind: 'custom'; transport: Transport }
  | { kind: 'none' };

export interface ResolvedConfig {
  /** The validated connector options. */
  readonly options: ConnectorOptions;
  readonly env: Env;
  readonly policy: ResolvedPolicy;
  readonly clock: Clock;
  /** The caller's hooks (the pipeline adds the debug lines). */
  readonly hooks: RequestHooks;
  /** The redacting debug sink: the caller's hooks.onDebug, else stderr when GONG_DEBUG is set. */
  readonly debug: ((line: string) => void) | undefined;
  /** The folder upload tools may read from (option, GONG_UPLOAD_DIR, else the current directory); undefined: off. */
  readonly uploadDir: string | undefined;
  /** Where the limiter keeps each company's state (connection/limiter-store.ts). */
  readonly limiterStore: LimiterStore;
  /**
   * The connection, resolved on first use (it may read the token file) and kept once found; the
   * credential is built once. `none` and failures are not kept: a later `auth login` is seen.
   */
  connection(): Promise<Connection>;
}

/** Seams for tests: the token-file loader (counted, to prove the credential is built once). */
export interface ConfigSeams {
  loadStored?: StoredCredentialLoader;
}

/** Learn every credential before anything can be printed or thrown, so redaction knows them. */
function registerOptionSecrets(options: ConnectorOptions, env: Env): void {
  registerEnvSecrets(env);
  registerSecret(options.accessToken);
  if (options.accessKey && options.accessKeySecret) registerKeyPair(options.accessKey, options.accessKeySecret);
  else registerSecret(options.accessKeySecret);
  registerSecret(options.scalekit?.clientSecret);
}

function debugSink(hooks: RequestHooks, env: Env): ((line: string) => void) | undefined {
  // Debug lines pass the redaction guard like every other output.
  if (hooks.onDebug) return (line) => hooks.onDebug?.(redactText(line));
  if (envValue(env.GONG_DEBUG) === undefined) return undefined;
  return (line) => process.stderr.write(`[gong-connector] ${redactText(line)}\n`);
}

/** The transport asked for by name (options, else GONG_TRANSPORT); undefined to choose by credentials. */
export function requestedTransport(options: ConnectorOptions, env: Env): 'direct' | 'scalekit' | undefined {
  if (typeof options.transport === 'string') return options.transport;
  const requested = envValue(env.GONG_TRANSPORT);
  if (requested !== undefined && requested !== 'direct' && requested !== 'scalekit') {
    throw new ConfigurationError({ message: `GONG_TRANSPORT must be 'direct' or 'scalekit' (got '${requested}').`, field: 'GONG_TRANSPORT' });
  }
  return requested;
}

/** Pick the connection: a custom transport; the one asked for; else direct credentials, else Scalekit settings. */
async function chooseConnection(options: ConnectorOptions, env: Env, seams: ConfigSeams): Promise<Connection> {
  if (options.transport !== undefined && typeof options.transport === 'object') return { kind: 'custom', transport: options.transport };
  const requested = requestedTransport(options, env);
  if (requested === 'scalekit') return { kind: 'scalekit', settings: resolveScalekitSettings(options, env) };
  const direct = await resolveDirect(options, env, seams.loadStored);
  if (direct) return { kind: 'direct', ...direct };
  if (requested === undefined && hasScalekitSettings(options, env)) return { kind: 'scalekit', settings: resolveScalekitSettings(options, env) };
  return { kind: 'none' };
}

export function resolveConfig(input: ConnectorOptions, env: Env, seams: ConfigSeams = {}): ResolvedConfig {
  const { connector: options } = splitOptions(input, false);
  registerOptionSecrets(options, env);
  const policy = resolvePolicy(options, env);
  const hooks = options.hooks ?? {};
  const debug = debugSink(hooks, env);
  let pending: Promise<Connection> | undefined;
  return {
    options,
    env,
    policy,
    clock: options.clock ?? systemClock,
    hooks,
    debug,
    uploadDir: uploadDirFrom(options.uploadDir, env, process.cwd()),
    limiterStore: limiterStoreFor(options, env, debug),
    connection() {
      pending ??= chooseConnection(options, env, seams).then(
        (chosen) => {
          if (chosen.kind === 'none') pending = undefined;
          return chosen;
        },
        (error: unknown) => {
          pending = undefined;
          throw error;
        },
      );
      return pending;
    },
  };
}
