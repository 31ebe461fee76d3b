#!/usr/bin/env node
// Thin launcher: the CLI lives in dist/cli/main.js (built by `npm run build`, run on install).
// A closed pipe (`gong-connector call … --all --jsonl | head`) ends the program quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => { if (err && err.code === 'EPIPE') process.exit(process.exitCode ?? 0); else throw err; });
}
import('../dist/cli/main.js').then((m) => m.main(process.argv.slice(2))).then(
  (code) => { process.exitCode = code; },
  (err) => { process.stderr.write(`gong-connector: ${err && err.message ? err.message : String(err)}\n`); process.exitCode = 1; },
);
