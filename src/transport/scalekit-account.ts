// The Scalekit connected account: its status, and errors of Scalekit's control plane (gRPC)
// turned into connector errors. Only the status is read from `getConnectedAccount`: the
// response also carries the Gong tokens (`authorizationDetails`), which are never kept.
import {
  ConfigurationError,
  ConnectionError,
  GongError,
  PermissionError,
  TimeoutError,
  AbortedError,
} from '../http/errors.js';
import { classifySdkError } from './scalekit-errors.js';

export type AccountStatus =
  | 'ACTIVE'
  | 'EXPIRED'
  | 'PENDING_AUTH'
  | 'PENDING_VERIFICATION'
  | 'DISCONNECTED'
  | 'UNSPECIFIED'
  | 'NOT_FOUND';

// `ConnectorStatus` in the SDK's connected_accounts_pb (docs/scalekit.md#connected-accounts).
const BY_NUMBER: readonly AccountStatus[] = ['UNSPECIFIED', 'ACTIVE', 'EXPIRED', 'PENDING_AUTH', 'PENDING_VERIFICATION', 'DISCONNECTED'];

/** The status of a `getConnectedAccount` result; only ACTIVE counts as connected. */
export function accountStatusOf(result: unknown): AccountStatus {
  const account = (result as { connectedAccount?: { status?: unknown } } | null | undefined)?.connectedAccount;
  if (account === undefined || account === null) return 'NOT_FOUND';
  const status = account.status;
  if (typeof status === 'number') return BY_NUMBER[status] ?? 'UNSPECIFIED';
  if (typeof status === 'string') {
    const named = status.replace(/^CONNECTION_STATUS_/, '').toUpperCase();
    return (BY_NUMBER as readonly string[]).includes(named) ? (named as AccountStatus) : 'UNSPECIFIED';
  }
  return 'UNSPECIFIED';
}

/** A failed control-plane call (account lookup, authorization link) as a connector error. */
export function controlPlaneError(error: unknown, what: string): GongError {
  const failure = classifySdkError(error);
  switch (failure.kind) {
    case 'credentials':
      return credentialsError(what);
    case 'response':
      if (failure.status === 401) return credentialsError(what);
      if (failure.status === 403) {
        return new PermissionError({
          message: `Scalekit denied ${what} (403).`,
          status: 403,
          hint: 'Check that the Scalekit client (SCALEKIT_CLIENT_ID) belongs to the environment that owns the Gong connection.',
        });
      }
      if (failure.status === 503) return unreachable(what);
      return new GongError({ message: `Scalekit failed ${what} (${failure.status}).`, status: failure.status, hint: 'Retry later; if it persists, check the Scalekit dashboard.' });
    case 'timeout':
      return new TimeoutError({ message: `Scalekit did not answer ${what} in time.`, reached: true, hint: 'Retry later.' });
    case 'cancelled':
      return new AbortedError({ message: `${what} was cancelled.` });
    case 'network':
      return unreachable(what, failure.code);
    case 'invalid':
      return new ConfigurationError({ message: `Scalekit refused the settings for ${what}: ${failure.reason}.` });
    default:
      return new GongError({ message: `Scalekit failed ${what}.`, hint: 'Retry later; set GONG_DEBUG for details.' });
  }
}

function credentialsError(what: string): ConfigurationError {
  return new ConfigurationError({
    message: `Scalekit rejected the client credentials during ${what}.`,
    field: 'SCALEKIT_CLIENT_SECRET',
    hint: 'Check SCALEKIT_CLIENT_ID and SCALEKIT_CLIENT_SECRET against the Scalekit environment (SCALEKIT_ENVIRONMENT_URL).',
  });
}

function unreachable(what: string, code?: string): ConnectionError {
  return new ConnectionError({
    message: `Scalekit could not be reached for ${what}${code ? ` (${code})` : ''}.`,
    reached: false,
    hint: 'Check SCALEKIT_ENVIRONMENT_URL and the network, then retry.',
  });
}
