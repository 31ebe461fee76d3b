// The embedded Gong sandbox: a stateful simulator of Gong's REST API v2 on 127.0.0.1, with
// deterministic data, Gong's auth, paging, errors, limits and quirks, and fault injection.
export { startSandbox } from './server.js';
export { createSandboxData } from './data/index.js';
export { generateTranscript } from './data/transcript.js';
export type { Monologue, Sentence } from './data/transcript.js';
export { ALL_SCOPES } from './auth.js';
export type {
  FaultKind, FaultOptions, Sandbox, SandboxCredentials, SandboxLogEntry, SandboxOptions, SandboxStats, SandboxWrites,
} from './options.js';
export type * from './data/types.js';
