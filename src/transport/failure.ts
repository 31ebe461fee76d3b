// The one way a transport says an exchange failed. It carries facts only: what failed, whether
// an answer had begun to arrive, the system's error code, and the proxy in between if there is
// one. What that means (could the request have reached Gong? retry or not?) and every word the
// caller reads are decided once, in the pipeline (src/pipeline/failures.ts), for all transports.

export type TransportFailureKind =
  /** The connection failed or broke (refused, reset, name not resolved, body cut short). */
  | 'network'
  /** The exchange did not finish within the request's timeoutMs. */
  | 'timeout'
  /** The request's signal was aborted, or the client library reports a cancellation. */
  | 'aborted'
  /** The response body is larger than the request's maxResponseBytes; reading stopped there. */
  | 'too_large'
  /** The local file of a multipart body could not be opened (moved or deleted); nothing was sent. */
  | 'local_file';

/** A service the request passes through on its way to Gong (the Scalekit proxy). */
export interface TransportProxy {
  /** Its name in messages, e.g. `Scalekit`. */
  name: string;
  /** The setting that says where it is, e.g. `SCALEKIT_ENVIRONMENT_URL`. */
  setting: string;
}

export interface TransportFailureInit {
  kind: TransportFailureKind;
  /** True once the answer had begun to arrive (status line read): the request certainly got there. */
  answered?: boolean | undefined;
  /** The system or client-library error code (ECONNREFUSED, UND_ERR_CONNECT_TIMEOUT, …), when known. */
  code?: string | undefined;
  proxy?: TransportProxy | undefined;
  cause?: unknown;
}

/** Thrown by `Transport.send`; a plain Error (the pipeline turns it into the connector's error). */
export class TransportFailure extends Error {
  readonly kind: TransportFailureKind;
  readonly answered: boolean;
  readonly code: string | undefined;
  readonly proxy: TransportProxy | undefined;

  constructor(init: TransportFailureInit) {
    // No request detail in the message: the pipeline writes the one the caller sees.
    super(`transport failure: ${init.kind}${init.code ? ` (${init.code})` : ''}`, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'TransportFailure';
    this.kind = init.kind;
    this.answered = init.answered ?? false;
    this.code = init.code || undefined;
    this.proxy = init.proxy;
  }
}
