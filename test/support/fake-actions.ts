// A fake `actions` object (the narrow ScalekitActionsLike) for unit tests, throwing the SDK's
// real exception classes the way `ScalekitServerException.promote` builds them.
import * as sdk from '@scalekit-sdk/node';
import type { ScalekitActionsLike } from '../../src/transport/scalekit-actions.js';

export type RequestParams = Parameters<ScalekitActionsLike['request']>[0];
export type RequestResult = Awaited<ReturnType<ScalekitActionsLike['request']>>;

/** An AxiosResponse-like object, as the SDK's exception constructors accept. */
export function axiosResponse(status: number, statusText: string, data: unknown) {
  return { status, statusText, data, headers: {}, config: {} };
}

type ExceptionClass = new (error: never) => Error;

/** The exception the SDK throws for an HTTP answer (promote picks the class from the status). */
export function sdkException(status: number, statusText: string, data: unknown): Error {
  return sdk.ScalekitServerException.promote(axiosResponse(status, statusText, data) as never) as Error;
}

export function exceptionOf(cls: ExceptionClass, status: number, statusText: string, data: unknown): Error {
  return new cls(axiosResponse(status, statusText, data) as never);
}

export interface FakeActions extends ScalekitActionsLike {
  calls: RequestParams[];
  accountCalls: number;
  linkCalls: number;
  status: number | 'missing';
  responses: Array<RequestResult | Error | ((params: RequestParams) => Promise<RequestResult>)>;
}

export const LINK = 'https://scalekit.test/magic/abc';

export function fakeActions(initial: Partial<Pick<FakeActions, 'status' | 'responses'>> = {}): FakeActions {
  const fake: FakeActions = {
    calls: [],
    accountCalls: 0,
    linkCalls: 0,
    status: initial.status ?? 1,
    responses: initial.responses ?? [],
    async request(params) {
      fake.calls.push(params);
      const next = fake.responses.shift();
      if (next === undefined) return { status: 200, headers: { 'content-type': 'application/json' }, data: { requestId: 'ok' } };
      if (next instanceof Error) throw next;
      if (typeof next === 'function') return next(params);
      return next;
    },
    async getConnectedAccount() {
      fake.accountCalls += 1;
      if (fake.status === 'missing') throw exceptionOf(sdk.ScalekitNotFoundException, 404, 'Not Found', {});
      return { connectedAccount: { identifier: 'u1', status: fake.status, authorizationDetails: { details: { case: 'oauthToken', value: { accessToken: 'gong-CANARY' } } } } };
    },
    async getAuthorizationLink() {
      fake.linkCalls += 1;
      return { link: LINK };
    },
  };
  return fake;
}
