// A child process for the file-lock tests (test/unit/state/file-lock-processes.test.ts): takes the
// lock of the built dist/state/file-lock.js and records `enter <pid>` / `exit <pid>` lines in an
// append-only log, so the parent can check that two holders never overlap.
//   hammer <lock> <log> <iterations> <holdMs>   take the lock <iterations> times
//   hold <lock>                                 take it, print "held", never let go (to be killed)
//   rounds <lock> <log> <holdMs>                each "go <epochMs> <staleMs>" line on stdin: wait until
//                                               epochMs, take the lock once, print "done"
import { appendFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { withFileLock } from '../../dist/state/file-lock.js';

const [mode, lock, log, a, b] = process.argv.slice(2);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function critical(holdMs) {
  appendFileSync(log, `enter ${process.pid}\n`);
  if (holdMs > 0) await sleep(holdMs);
  appendFileSync(log, `exit ${process.pid}\n`);
}

if (mode === 'hammer') {
  for (let i = 0; i < Number(a); i += 1) await withFileLock(lock, () => critical(Number(b)), { what: 'the hammer test' });
  process.stdout.write('finished\n');
} else if (mode === 'hold') {
  await withFileLock(lock, async () => {
    process.stdout.write('held\n');
    await new Promise(() => setInterval(() => undefined, 1000));
  });
} else if (mode === 'rounds') {
  const holdMs = Number(a);
  for await (const line of createInterface({ input: process.stdin })) {
    const [, at, staleMs] = line.split(' ');
    while (Date.now() < Number(at)) await sleep(0);
    await withFileLock(lock, () => critical(holdMs), { staleMs: Number(staleMs) });
    process.stdout.write('done\n');
  }
}
