// Credentials saved by `gong-connector auth login` (the OAuth token file). The OAuth work fills
// this in; until a token file exists it yields nothing.
import type { ConnectorOptions } from '../config/options.js';
import type { Credential } from './credentials.js';

export interface StoredCredential {
  credential: Credential;
  baseUrl: string;
}

export async function loadStoredCredential(
  _options: ConnectorOptions,
  _env: Readonly<Record<string, string | undefined>>,
): Promise<StoredCredential | undefined> {
  return undefined;
}
