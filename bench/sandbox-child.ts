// The benchmarks' sandbox in its own process: the same helper the fleet scenarios use.
export { startSandboxProcess, type SandboxProcess } from '../test/support/sandbox-process.js';
