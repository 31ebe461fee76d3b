// The embedded Gong sandbox (the `gong-connector/sandbox` subpath): a stateful simulator of Gong's
// REST API v2 on 127.0.0.1, with deterministic data, Gong's auth, paging, errors, limits and
// quirks, and fault injection. Exported: startSandbox and the types of its options and result.
export { startSandbox } from './server.js';
export type {
  FaultKind, FaultOptions, Sandbox, SandboxCredentials, SandboxLogEntry, SandboxOptions, SandboxStats, SandboxTokenExchange, SandboxWrites,
} from './options.js';
/** The type of `Sandbox.data`, the tenant; a transcript's monologues. */
export type { Monologue, SandboxData } from './data/types.js';
/** Calls a test writes itself (`SandboxOptions.calls`). */
export type { ScriptedCall, ScriptedParty } from './data/scripted.js';
