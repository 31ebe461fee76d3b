// A small Gong for the agent-tool tests: calls with parties and transcripts behind
// POST /v2/calls/extensive and POST /v2/calls/transcript, body cursors, Gong's page caps and
// "No calls found" 404s — enough to count and check every request the tools send.
import { startReplyServer, type RecordedRequest, type Reply, type ReplyServer } from '../../../support/server.js';

export interface MiniCall {
  id: string;
  title: string;
  started: string;
  duration: number;
  parties: Array<Record<string, unknown>>;
  transcript: Array<{ speakerId: string; topic: string | null; sentences: Array<{ start: number; end: number; text: string }> }> | null;
}

const LINES = [
  'Thanks for joining today.', 'Our budget for this is around fifty thousand.', 'What does pricing look like for the enterprise tier?',
  'We need a security review before signing.', 'Yeah.', 'That makes sense.', 'Can you send the contract by Friday?',
  'The integration with Salesforce is the key requirement.', 'Let us schedule next steps for Tuesday.', 'Mm-hmm.',
];

/** n calls, one a day from `firstDay`; call i has 3 parties (one without a name when i % 7 === 3). */
export function makeCalls(n: number, firstDay = Date.UTC(2026, 0, 1)): MiniCall[] {
  const calls: MiniCall[] = [];
  for (let i = 0; i < n; i++) {
    const id = String(7_000_000_000_000_000_000n + BigInt(i) * 7919n);
    const sp = (k: number) => String(5_000_000_000_000_000_000n + BigInt(i) * 10n + BigInt(k));
    const parties: Array<Record<string, unknown>> = [
      { id: `p${i}a`, name: 'Dana Reyes', emailAddress: 'dana@seller.example', title: 'Account Executive', affiliation: 'Internal', speakerId: sp(1), userId: '111' },
      { id: `p${i}b`, name: i % 7 === 3 ? undefined : 'Sam Okafor', emailAddress: 'sam@buyer.example', affiliation: 'External', speakerId: sp(2) },
      { id: `p${i}c`, name: 'Lee Park', emailAddress: 'lee@buyer.example', affiliation: 'External', speakerId: sp(3) },
    ];
    const transcript: NonNullable<MiniCall['transcript']> = [];
    let t = 1500;
    for (let k = 0; k < 12; k++) {
      const topic = k < 4 ? null : k < 8 ? 'Pricing' : 'Next Steps';
      const sentences = [];
      for (let s = 0; s < 1 + ((i + k) % 3); s++) {
        const text = LINES[(i * 3 + k * 2 + s) % LINES.length]!;
        sentences.push({ start: t, end: t + 2500, text });
        t += 3000 + ((i * 13 + k * 7 + s) % 5) * 400;
      }
      transcript.push({ speakerId: sp(1 + ((k + i) % 3)), topic, sentences });
    }
    calls.push({
      id, title: `Call ${i} with Buyer Co`, started: new Date(firstDay + i * 86_400_000 + 3_600_000).toISOString(),
      duration: Math.ceil(t / 1000) + 5, parties, transcript: i % 11 === 5 ? null : transcript,
    });
  }
  return calls;
}

export interface MiniGong extends ReplyServer {
  calls: MiniCall[];
  paths(): string[];
}

function page<T>(items: T[], cursor: unknown, size: number): { slice: T[]; records: Record<string, unknown> } {
  const start = typeof cursor === 'string' ? Number(cursor.replace('cur-', '')) : 0;
  const slice = items.slice(start, start + size);
  const records: Record<string, unknown> = { totalRecords: items.length, currentPageSize: slice.length, currentPageNumber: Math.floor(start / size) };
  if (start + size < items.length) records.cursor = `cur-${start + size}`;
  return { slice, records };
}

export async function startMiniGong(calls: MiniCall[], options: { transcriptPage?: number } = {}): Promise<MiniGong> {
  const handler = (req: RecordedRequest): Reply => {
    const body = (req.json ?? {}) as { filter?: Record<string, unknown>; cursor?: string; contentSelector?: unknown };
    const f = body.filter ?? {};
    let selected = calls;
    if (Array.isArray(f.callIds)) {
      if (f.callIds.length > 100) return { status: 400, body: { requestId: 'r', errors: ['Too many call ids'] } };
      const wanted = new Set(f.callIds.map(String));
      selected = selected.filter((c) => wanted.has(c.id));
    }
    if (typeof f.fromDateTime === 'string') selected = selected.filter((c) => Date.parse(c.started) >= Date.parse(f.fromDateTime as string));
    if (typeof f.toDateTime === 'string') selected = selected.filter((c) => Date.parse(c.started) < Date.parse(f.toDateTime as string));
    if (req.path === '/v2/calls/extensive') {
      if (selected.length === 0) return { status: 404, body: { requestId: 'r', errors: ['No calls found corresponding to the provided filters'] } };
      const { slice, records } = page(selected, body.cursor, 100);
      return { body: { requestId: 'r', records, calls: slice.map((c) => ({ metaData: { id: c.id, title: c.title, url: `https://app.gong.io/call?id=${c.id}`, started: c.started, duration: c.duration }, parties: c.parties })) } };
    }
    if (req.path === '/v2/calls/transcript') {
      const withT = selected.filter((c) => c.transcript);
      if (withT.length === 0) return { status: 404, body: { requestId: 'r', errors: ['No calls found corresponding to the provided filters'] } };
      const { slice, records } = page(withT, body.cursor, options.transcriptPage ?? 100);
      return { body: { requestId: 'r', records, callTranscripts: slice.map((c) => ({ callId: c.id, transcript: c.transcript })) } };
    }
    return { status: 404, body: { requestId: 'r', errors: ['Not found'] } };
  };
  const server = await startReplyServer(handler);
  return Object.assign(server, { calls, paths: () => server.requests.map((r) => r.path) });
}
