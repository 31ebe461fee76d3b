// npm run demo — an agent-like session against the embedded Gong sandbox, through executeTool
// only: last month's calls, one call's participants and highlights, its transcript with speaker
// names, the users paged through, and the Engage flows of the call's rep. No Gong account needed.
import { startSandbox } from '../src/sandbox/index.js';
import { createConnector } from '../src/connector.js';

type Json = Record<string, any>;

const out = (line = '') => process.stdout.write(`${line}\n`);
const heading = (title: string) => out(`\n\x1b[1m== ${title}\x1b[0m`);
const minutes = (seconds: number) => `${Math.round(seconds / 60)} min`;

async function main(): Promise<void> {
  // A small page size makes the cursors visible: every list below spans several pages.
  const sandbox = await startSandbox({ seed: Number(process.env.DEMO_SEED ?? 1), pageSize: 15 });
  const gong = createConnector({
    baseUrl: sandbox.baseUrl,
    accessKey: sandbox.credentials.accessKey,
    accessKeySecret: sandbox.credentials.accessKeySecret,
  });
  const started = Date.now();
  try {
    out(`Gong sandbox at ${sandbox.baseUrl} (seeded data; Gong's 3 requests/second limit applies and is paced).`);

    const now = new Date();
    const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString();
    const to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString();
    heading(`Last month's calls (${from.slice(0, 10)} to ${to.slice(0, 10)}, end exclusive)`);
    const calls = await gong.executeTool('gong_calls_list', { from_date_time: from, to_date_time: to, limit: 40 });
    out(`${calls.record_count ?? (calls.calls as unknown[]).length} calls collected in ${calls.pages ?? 1} pages${calls.next_cursor ? ' (more remain: next_cursor)' : ''}:`);
    for (const c of (calls.calls as Json[]).slice(0, 6)) {
      out(`  ${c.started.slice(0, 16).replace('T', ' ')}  ${c.title}  (${minutes(c.duration)}, ${c.direction}, id ${c.id})`);
    }
    const chosen = (calls.calls as Json[]).find((c) => c.scope === 'External') ?? (calls.calls as Json[])[0];
    if (!chosen) throw new Error('the sandbox returned no calls for last month');

    heading(`Participants and highlights of "${chosen.title}"`);
    const details = ((await gong.executeTool('gong_calls_get', { call_ids: [chosen.id] })).calls as Json[])[0]!;
    const parties = (details.parties ?? []) as Json[];
    for (const p of parties) out(`  ${p.affiliation.padEnd(8)} ${p.name}${p.title ? `, ${p.title}` : ''}${p.emailAddress ? ` <${p.emailAddress}>` : ''}`);
    if (details.content?.brief) out(`\n  Brief: ${details.content.brief}`);
    for (const h of (details.content?.highlights ?? []) as Json[]) {
      out(`  ${h.title}:`);
      for (const item of (h.items ?? []).slice(0, 2)) out(`    - ${item.text}`);
    }
    if (details.content?.callOutcome) out(`  Outcome: ${details.content.callOutcome.name}`);

    heading('Its transcript, as text with speaker names (first two minutes)');
    // One transcript request and one parties request for the whole batch, never one per call.
    const text = await gong.executeTool('gong_calls_transcript_text', { call_ids: [chosen.id], to_offset: '00:02:00' });
    for (const line of String(text.text).split('\n')) out(`  ${line}`);
    out(`  … ${text.sentences_shown} of ${text.sentences} sentences shown`);

    heading('Users, paged through with cursors');
    let cursor: string | undefined;
    let page = 0;
    const users: Json[] = [];
    do {
      const res = await gong.executeTool('gong_users_list', cursor ? { cursor } : {});
      page += 1;
      users.push(...(res.users as Json[]));
      out(`  page ${page}: ${(res.users as Json[]).length} users${res.next_cursor ? ', next_cursor →' : ' (last page)'}`);
      cursor = res.next_cursor as string | undefined;
    } while (cursor);
    const managers = new Set(users.map((u) => u.managerId).filter(Boolean));
    out(`  ${users.length} users, ${managers.size} of them managers; e.g. ${users.slice(0, 3).map((u) => `${u.firstName} ${u.lastName} (${u.title})`).join(', ')}`);

    const rep = users.find((u) => u.id === chosen.primaryUserId) ?? users[0]!;
    heading(`Engage flows for ${rep.firstName} ${rep.lastName} <${rep.emailAddress}>`);
    const flows = await gong.executeTool('gong_engage_flows_list', { flow_owner_email: rep.emailAddress, limit: 50 });
    for (const f of (flows.flows as Json[]).slice(0, 8)) out(`  ${f.visibility.padEnd(8)} ${f.name}${f.folderName ? `  [${f.folderName}]` : ''}`);
    out(`  ${(flows.flows as Json[]).length} flows visible to this rep`);

    const state = flows.rate_limit as Json;
    heading('Quota');
    out(`  ${state.used_today} Gong requests used today, ${state.remaining_today} of ${state.daily_limit} remaining; ` +
      `paced at ${state.rate_per_second}/s; ${sandbox.stats().status429} rate-limit responses provoked; ${((Date.now() - started) / 1000).toFixed(1)} s in all.`);
  } finally {
    await gong.close();
    await sandbox.close();
  }
}

main().catch((error: unknown) => {
  const json = error && typeof error === 'object' && 'toJSON' in error ? JSON.stringify((error as { toJSON(): unknown }).toJSON()) : String(error);
  process.stderr.write(`demo failed: ${json}\n`);
  process.exitCode = 1;
});
