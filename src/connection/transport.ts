// Builds the transport for a resolved connection (src/connection/config.ts): the credential and
// settings come from the one resolution, and the debug sink exists before the transport does, so
// what a transport says while it is built (Scalekit's limitations) reaches GONG_DEBUG too.
import { connectGongCall } from '../catalog/index.js';
import { AuthRequiredError } from '../http/errors.js';
import type { ScalekitTransport } from '../transport/scalekit.js';
import type { Transport } from '../transport/types.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../version.js';
import type { ResolvedConfig } from './config.js';
import type { ScalekitSettings } from './scalekit-settings.js';

export const USER_AGENT = `${PACKAGE_NAME}/${PACKAGE_VERSION} (node ${process.versions.node})`;

export const NO_CREDENTIALS = 'No Gong credentials are configured.';

export function noCredentialsError(): AuthRequiredError {
  return new AuthRequiredError({
    message: NO_CREDENTIALS,
    hint: `Connect Gong with ${connectGongCall()}, set GONG_ACCESS_TOKEN or GONG_ACCESS_KEY and GONG_ACCESS_KEY_SECRET, run \`gong-connector auth login\`, or configure Scalekit (SCALEKIT_ENVIRONMENT_URL, SCALEKIT_CLIENT_ID, SCALEKIT_CLIENT_SECRET, GONG_IDENTIFIER). To try it without Gong: \`gong-connector call <tool> --sandbox\`.`,
  });
}

/** The transport of the configured connection; AuthRequiredError when none is configured. */
export async function openTransport(config: ResolvedConfig): Promise<Transport> {
  const connection = await config.connection();
  switch (connection.kind) {
    case 'custom':
      return connection.transport;
    case 'direct': {
      const { DirectTransport } = await import('../transport/direct.js');
      return new DirectTransport({ baseUrl: connection.baseUrl, credential: connection.credential, userAgent: USER_AGENT, dispatcher: config.options.dispatcher });
    }
    case 'scalekit':
      return openScalekitTransport(config, connection.settings);
    case 'none':
      throw noCredentialsError();
  }
}

/** The Scalekit transport (auth status also asks it for the account status and link). */
export async function openScalekitTransport(config: ResolvedConfig, settings: ScalekitSettings): Promise<ScalekitTransport> {
  const { buildScalekitTransport } = await import('../transport/scalekit.js');
  return buildScalekitTransport(settings, {
    timeoutMs: config.policy.timeoutMs,
    maxResponseBytes: config.policy.maxResponseBytes,
    debug: config.debug,
  });
}
