// Read a secret from the terminal without echoing it (raw mode), for `auth login`.
import type { ReadStream } from 'node:tty';

export async function promptHidden(question: string, stdin: NodeJS.ReadableStream, stderr: NodeJS.WritableStream): Promise<string> {
  stderr.write(question);
  const tty = stdin as Partial<ReadStream>;
  const raw = typeof tty.setRawMode === 'function';
  if (raw) tty.setRawMode!(true);
  stdin.resume();
  try {
    return await new Promise<string>((resolve, reject) => {
      let value = '';
      const onData = (chunk: Buffer | string) => {
        for (const ch of chunk.toString('utf8')) {
          if (ch === '\r' || ch === '\n' || ch === '\u0004') {
            stdin.off('data', onData);
            resolve(value);
            return;
          }
          if (ch === '\u0003') {
            stdin.off('data', onData);
            reject(new Error('cancelled'));
            return;
          }
          if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
          else value += ch;
        }
      };
      stdin.on('data', onData);
      stdin.once('end', () => resolve(value));
    });
  } finally {
    if (raw) tty.setRawMode!(false);
    stdin.pause();
    stderr.write('\n');
  }
}
