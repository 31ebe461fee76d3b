// The library's auth functions (the CLI's `auth status|connect|login|logout`). Each loads its
// module on first use, so importing the package stays light.
import type { LoginOptions, LoginResult } from '../auth/oauth.js';
import type { AuthResult, AuthStatusOptions } from './auth-status.js';
import type { ConnectorOptions } from './options.js';

export type { AuthResult, AuthStatusOptions, LoginOptions, LoginResult };

/**
 * Which connection is configured and whether it works, checked with one cheap request to Gong
 * (`checked` says whether it answered; `{ check: false }` sends none), without printing a secret.
 */
export async function authStatus(options?: ConnectorOptions, status?: AuthStatusOptions): Promise<AuthResult> {
  return (await import('./auth-status.js')).authStatus(options, status);
}

/** What the user must do to connect: the Scalekit authorization link or the manage_auth call. */
export async function authConnect(options?: ConnectorOptions, status?: AuthStatusOptions): Promise<AuthResult> {
  return (await import('./auth-status.js')).authConnect(options, status);
}

/** Gong OAuth authorization-code login with a loopback redirect; stores the tokens (0600). */
export async function login(options: LoginOptions): Promise<LoginResult> {
  return (await import('../auth/oauth.js')).login(options);
}

/** Remove the login stored by `login` (the token file, or Redis with GONG_TOKEN_STORE=redis); true when there was one. */
export async function logout(options: Pick<ConnectorOptions, 'tokenFile' | 'env'> = {}): Promise<boolean> {
  const { tokenStoreFor } = await import('../auth/token-stores.js');
  return (await tokenStoreFor(options, options.env ?? process.env)).remove();
}
