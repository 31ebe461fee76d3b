// gong-connector mcp: the MCP server over stdio. stdout carries only the protocol; diagnostics go
// to stderr. --toolsets and --read-only keep the tool list small for the model.
import { integerFlag, parseArgs } from '../args.js';
import { writeErr, type CliIO } from '../io.js';
import type { ConnectorOptions } from '../../connection/options.js';

export const MCP_HELP = `Usage: gong-connector mcp [--toolsets calls,users,...] [--read-only] [--sandbox [--seed N]]

Serves the Gong tools to an MCP client over stdio (Claude Desktop, IDEs, agents).
  --toolsets   only these toolsets, comma-separated (default: all), e.g. calls,users,stats,dates
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
  const [{ catalog }, { filterTools }, { createConnector }, { serveMcp }] = await Promise.all([
    import('../../catalog/index.js'),
    import('../../catalog/filter.js'),
    import('../../connector.js'),
    import('../../mcp/server.js'),
  ]);
  const tools = filterTools(catalog.tools, {
    toolsets: typeof flags.toolsets === 'string' ? flags.toolsets : undefined,
    readOnly: flags['read-only'] === true,
  });
  const connectorOptions: ConnectorOptions = { env: io.env };
  let stopSandbox: (() => Promise<void>) | undefined;
  if (flags.sandbox) {
    const { startEmbeddedSandbox } = await import('../sandbox-runtime.js');
    const sandbox = await startEmbeddedSandbox(seed);
    Object.assign(connectorOptions, sandbox.connectorOptions);
    stopSandbox = sandbox.close;
  }
  const connector = createConnector(connectorOptions);
  try {
    const server = await serveMcp({ connector, tools });
    writeErr(io, `gong-connector MCP server: ${tools.length} tool${tools.length === 1 ? '' : 's'} on stdio${flags.sandbox ? ' (sandbox)' : ''}\n`);
    await server.closed;
    return 0;
  } finally {
    await connector.close();
    await stopSandbox?.();
  }
}
