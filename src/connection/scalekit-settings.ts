// Scalekit settings from options and environment. Options passed in code win over the
// environment; two different values at the same level are an error that names both.
import { DEFAULT_CONNECTION_NAME } from '../config/defaults.js';
import { envValue, type Env } from '../config/env.js';
import { normaliseEnvironmentUrl } from '../config/urls.js';
import { ConfigurationError } from '../http/errors.js';
import type { ScalekitSettings } from '../transport/scalekit-actions.js';
import type { ConnectorOptions } from './options.js';

export type { ScalekitSettings } from '../transport/scalekit-actions.js';

function environmentUrlFrom(options: ConnectorOptions, env: Env): { value: string; source: string } | undefined {
  if (options.scalekit?.environmentUrl !== undefined) {
    return { value: options.scalekit.environmentUrl, source: 'options.scalekit.environmentUrl' };
  }
  const long = envValue(env.SCALEKIT_ENVIRONMENT_URL);
  const short = envValue(env.SCALEKIT_ENV_URL);
  if (long && short && normaliseEnvironmentUrl(long, 'SCALEKIT_ENVIRONMENT_URL') !== normaliseEnvironmentUrl(short, 'SCALEKIT_ENV_URL')) {
    throw new ConfigurationError({
      message: 'Conflicting Scalekit environments: SCALEKIT_ENVIRONMENT_URL and SCALEKIT_ENV_URL are both set to different URLs; SCALEKIT_ENVIRONMENT_URL would win.',
      field: 'SCALEKIT_ENV_URL',
      hint: 'Unset one of them (SCALEKIT_ENV_URL is only an alias).',
    });
  }
  if (long) return { value: long, source: 'SCALEKIT_ENVIRONMENT_URL' };
  if (short) return { value: short, source: 'SCALEKIT_ENV_URL' };
  return undefined;
}

function clientFrom(options: ConnectorOptions, env: Env): ScalekitSettings['client'] {
  const o = options.scalekit;
  if (o?.clientId !== undefined || o?.clientSecret !== undefined) {
    // Both halves from one place: mixing code and environment hides which app is in use.
    if (!envValue(o.clientId) || !envValue(o.clientSecret)) {
      throw new ConfigurationError({
        message: 'options.scalekit.clientId and options.scalekit.clientSecret must be given together.',
        field: o.clientId === undefined ? 'scalekit.clientId' : 'scalekit.clientSecret',
      });
    }
    return { clientId: o.clientId!.trim(), clientSecret: o.clientSecret!.trim() };
  }
  const id = envValue(env.SCALEKIT_CLIENT_ID);
  const secret = envValue(env.SCALEKIT_CLIENT_SECRET);
  if (id && secret) return { clientId: id, clientSecret: secret };
  return undefined;
}

function identityFrom(options: ConnectorOptions, env: Env): { connectionName: string; identifier: string } {
  const connectionName = envValue(options.scalekit?.connectionName) ?? envValue(env.GONG_CONNECTION_NAME) ?? DEFAULT_CONNECTION_NAME;
  const identifier = envValue(options.scalekit?.identifier) ?? envValue(env.GONG_IDENTIFIER);
  if (!identifier) {
    throw new ConfigurationError({
      message: 'The Scalekit transport needs the end user\'s identifier: set GONG_IDENTIFIER or options.scalekit.identifier.',
      field: 'GONG_IDENTIFIER',
      hint: 'The identifier is the id your app uses for this user\'s Scalekit connected account (e.g. user_123).',
    });
  }
  return { connectionName, identifier };
}

/** Read and validate the Scalekit settings; throws ConfigurationError naming what is missing or conflicting. */
export function resolveScalekitSettings(options: ConnectorOptions, env: Env): ScalekitSettings {
  const identity = identityFrom(options, env);
  const envUrl = environmentUrlFrom(options, env);
  const environmentUrl = envUrl ? normaliseEnvironmentUrl(envUrl.value, envUrl.source) : undefined;
  const actions = options.scalekit?.actions;
  if (actions !== undefined) {
    if (options.scalekit?.clientId !== undefined || options.scalekit?.clientSecret !== undefined) {
      throw new ConfigurationError({
        message: 'Conflicting Scalekit settings: both options.scalekit.actions and options.scalekit.clientId/clientSecret are given; options.scalekit.actions would win, so the client credentials would be silently ignored.',
        field: 'scalekit.actions',
        hint: 'Pass either a ready `actions` client or the client credentials, not both.',
      });
    }
    return { environmentUrl, ...identity, actions };
  }
  const client = clientFrom(options, env);
  const missing = [
    environmentUrl ? undefined : 'SCALEKIT_ENVIRONMENT_URL',
    client ? undefined : 'SCALEKIT_CLIENT_ID and SCALEKIT_CLIENT_SECRET',
  ].filter((m): m is string => m !== undefined);
  if (missing.length > 0 || !environmentUrl || !client) {
    throw new ConfigurationError({
      message: `The Scalekit transport is selected but ${missing.join(' and ')} ${missing.length > 1 || missing[0]!.includes(' and ') ? 'are' : 'is'} not set.`,
      field: missing[0],
      hint: 'Set the Scalekit environment variables (or options.scalekit), or use GONG_TRANSPORT=direct with Gong credentials.',
    });
  }
  return { environmentUrl, ...identity, client };
}

/** Whether Scalekit is configured at all (chooses it when no direct credential is set). */
export function hasScalekitSettings(options: ConnectorOptions, env: Env): boolean {
  if (options.scalekit?.actions) return true;
  const url = options.scalekit?.environmentUrl ?? envValue(env.SCALEKIT_ENVIRONMENT_URL) ?? envValue(env.SCALEKIT_ENV_URL);
  const id = options.scalekit?.clientId ?? envValue(env.SCALEKIT_CLIENT_ID);
  const secret = options.scalekit?.clientSecret ?? envValue(env.SCALEKIT_CLIENT_SECRET);
  return Boolean(url && id && secret);
}
