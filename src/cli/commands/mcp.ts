// gong-connector mcp: the MCP server over stdio. stdout carries only the protocol; diagnostics go
// to stderr. By default it lists a small read-only core plus the discovery tools that reach every
// other tool; --toolsets picks the list (all: every tool), --read-only keeps to tools that only read.
import { integerFlag, parseArgs } from '../args.js';
import { UsageError, writeErr, type CliIO } from '../io.js';
import { uploadDirFrom } from '../../config/env.js';
import type { ConnectorOptions } from '../../connection/options.js';

export const MCP_HELP = `Usage: gong-connector mcp [--toolsets core,calls,users,...|all] [--read-only] [--sandbox [--seed N]]

Serves the Gong tools to an MCP client over stdio (Claude Desktop, IDEs, agents).
By default the list holds a small read-only core (calls, transcript text, search, AI content,
users find, stats, dates) and four discovery tools: gong_toolsets_list, gong_toolset_enable
(adds a toolset to the list), gong_tool_describe and gong_tool_run (any tool, listed or not).
  --toolsets   list these toolsets instead, comma-separated (core is the default set), e.g.
               core,stats or calls,users; all lists every tool (no discovery tools)
  --read-only  only tools that do not change Gong data
  --sandbox    answer from an in-process Gong sandbox (no Gong account needed)
  --seed N     with --sandbox: the sandbox's data seed
Credentials come from the environment (GONG_ACCESS_TOKEN, GONG_ACCESS_KEY/GONG_ACCESS_KEY_SECRET
with GONG_API_BASE_URL, or Scalekit). Every result carries the rate-limit state; failures come
back as isError results with the same JSON as the CLI's error line.
`;

export async function mcpCommand(argv: string[], io: CliIO): Promise<number> {
  const { flags } = parseArgs(argv, { toolsets: 'string', 'read-only': 'boolean', sandbox: 'boolean', seed: 'string', help: 'boolean' });
  if (flags.help) {
    io.stdout.write(MCP_HELP);
    return 0;
  }
  // Checked before anything loads: `--seed abc` used to reach the sandbox as NaN.
  const seed = integerFlag(flags, 'seed');
  if (flags.seed !== undefined && !flags.sandbox) throw new UsageError("--seed only applies with --sandbox (the sandbox's data seed).", 'mcp');
  const [{ catalog }, { ToolSurface }, { createConnector }, { serveMcp }] = await Promise.all([
    import('../../catalog/index.js'),
    import('../../mcp/surface.js'),
    import('../../connector.js'),
    import('../../mcp/server.js'),
  ]);
  const surface = new ToolSurface(catalog.tools, {
    toolsets: typeof flags.toolsets === 'string' ? flags.toolsets : undefined,
    readOnly: flags['read-only'] === true,
  });
  // An MCP client's agent names upload paths unseen by the user: uploads only from the folder the
  // user set in GONG_UPLOAD_DIR, and off without it.
  const connectorOptions: ConnectorOptions = { env: io.env, uploadDir: uploadDirFrom(undefined, io.env, undefined) ?? false };
  let stopSandbox: (() => Promise<void>) | undefined;
  if (flags.sandbox) {
    const { startEmbeddedSandbox } = await import('../sandbox-runtime.js');
    const sandbox = await startEmbeddedSandbox(seed);
    Object.assign(connectorOptions, sandbox.connectorOptions);
    stopSandbox = sandbox.close;
  }
  const connector = createConnector(connectorOptions);
  try {
    const server = await serveMcp({ connector, surface });
    const listed = surface.listed().length;
    const more = surface.discovery ? ` listed, ${surface.allowed.length - listed} more through the discovery tools` : '';
    writeErr(io, `gong-connector MCP server: ${listed} tool${listed === 1 ? '' : 's'}${more} on stdio${flags.sandbox ? ' (sandbox)' : ''}\n`);
    // A server stopped by a transport error (said on stderr by serveMcp) exits 1.
    return (await server.closed) === undefined ? 0 : 1;
  } finally {
    await connector.close();
    await stopSandbox?.();
  }
}
