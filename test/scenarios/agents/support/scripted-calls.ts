// Calls written for the agent-tool tests and served by the sandbox (`startSandbox({ calls })`):
// one a day, with known sentences to search for, a party without a name and calls without a
// transcript, so every hit, label and request can be predicted.
import type { ScriptedCall, ScriptedParty } from '../../../../src/sandbox/index.js';

type Transcript = NonNullable<ScriptedCall['transcript']>;

const LINES = [
  'Thanks for joining today.', 'Our budget for this is around fifty thousand.', 'What does pricing look like for the enterprise tier?',
  'We need a security review before signing.', 'Yeah.', 'That makes sense.', 'Can you send the contract by Friday?',
  'The integration with Salesforce is the key requirement.', 'Let us schedule next steps for Tuesday.', 'Mm-hmm.',
];

/** n calls, one a day from `firstDay`; call i has 3 parties (one without a name when i % 7 === 3) and no transcript when i % 11 === 5. */
export function makeCalls(n: number, firstDay = Date.UTC(2026, 0, 1)): ScriptedCall[] {
  const calls: ScriptedCall[] = [];
  for (let i = 0; i < n; i++) {
    const id = String(7_000_000_000_000_000_000n + BigInt(i) * 7919n);
    const sp = (k: number) => String(5_000_000_000_000_000_000n + BigInt(i) * 10n + BigInt(k));
    const buyer: ScriptedParty = { id: `p${i}b`, emailAddress: 'sam@buyer.example', affiliation: 'External', speakerId: sp(2) };
    if (i % 7 !== 3) buyer.name = 'Sam Okafor';
    const parties: ScriptedParty[] = [
      { id: `p${i}a`, name: 'Dana Reyes', emailAddress: 'dana@seller.example', title: 'Account Executive', affiliation: 'Internal', speakerId: sp(1), userId: '111' },
      buyer,
      { id: `p${i}c`, name: 'Lee Park', emailAddress: 'lee@buyer.example', affiliation: 'External', speakerId: sp(3) },
    ];
    const transcript: Transcript = [];
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

/** What a sandbox cursor points at: its operation and page (src/sandbox/paging.ts encodes them in the middle part). */
export function cursorTarget(cursor: string | undefined): unknown {
  const payload = cursor?.split('.')[1];
  return payload === undefined ? undefined : JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
}
