// A loopback HTTP server in its own process (so it does not share the measured event loop),
// answering every request with one fixed JSON body. Prints its base URL on stdout.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

const SERVER = `
const http = require('node:http');
const body = Buffer.from(process.argv[1]);
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
    res.end(body);
  });
});
server.keepAliveTimeout = 60000;
// Exit with the parent: stdin closes when the parent process ends, however it ends.
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
server.listen(0, '127.0.0.1', () => process.stdout.write('http://127.0.0.1:' + server.address().port + '\\n'));
`;

export interface FixedServer {
  baseUrl: string;
  close(): Promise<void>;
}

export async function startFixedServer(body: string): Promise<FixedServer> {
  const child: ChildProcess = spawn(process.execPath, ['-e', SERVER, body], { stdio: ['pipe', 'pipe', 'inherit'] });
  const [chunk] = (await once(child.stdout!, 'data')) as [Buffer];
  const baseUrl = chunk.toString().trim();
  return {
    baseUrl,
    close: async () => {
      child.kill();
      await once(child, 'exit');
    },
  };
}
