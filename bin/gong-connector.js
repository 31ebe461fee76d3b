#!/usr/bin/env node
// Launcher. CommonJS on purpose (see bin/package.json): a CommonJS entry starts without Node's ES
// module loader, so the commonest call — `gong-connector tools [--format F]` piped to another
// program — prints the tool list prebuilt by `npm run build` (dist/tool-lists/F.json) about as
// fast as `node -e 0`. Everything else loads the CLI from dist/cli/main.js (built on install).
// A closed pipe (`gong-connector call … --all --jsonl | head`) ends the program quietly.
'use strict';

for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => { if (err && err.code === 'EPIPE') process.exit(process.exitCode ?? 0); else throw err; });
}

const args = process.argv.slice(2);

function prebuiltToolList() {
  if (args[0] !== 'tools' || process.stdout.isTTY) return undefined;
  let format = 'mcp';
  if (args.length === 3 && args[1] === '--format') format = args[2];
  else if (args.length === 2 && args[1].startsWith('--format=')) format = args[1].slice('--format='.length);
  else if (args.length !== 1) return undefined;
  if (!/^[a-z][a-z-]*$/.test(format)) return undefined;
  try {
    return require('node:fs').readFileSync(require('node:path').join(__dirname, '..', 'dist', 'tool-lists', `${format}.json`));
  } catch {
    return undefined; // not prebuilt (or an unknown format): the full CLI answers
  }
}

const list = prebuiltToolList();
if (list) {
  process.stdout.write(list);
} else {
  import('../dist/cli/main.js').then((m) => m.main(args)).then(
    (code) => { process.exitCode = code; },
    (err) => { process.stderr.write(`gong-connector: ${err && err.message ? err.message : String(err)}\n`); process.exitCode = 1; },
  );
}
