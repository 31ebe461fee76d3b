// gong_calls_search never sends more than max_requests in a turn, also when a resumed search starts
// from the listing page this connector holds and then moves on to the next one (on the sandbox).
import { describe, expect, it } from 'vitest';
import type { Connector } from '../../../../src/connector.js';
import type { Sandbox } from '../../../../src/sandbox/index.js';
import { useSandbox } from '../../../support/sandbox.js';

let sb: Sandbox;
let connector: Connector;
useSandbox({ seed: 1, rateLimit: false }, (s, c) => { sb = s; connector = c; });

describe('gong_calls_search max_requests', () => {
  it('a resume with max_requests 1 sends one request, whether it reads transcripts or lists the next page', async () => {
    const input = { query: 'competitor', date_range: { relative: 'last 90 days' } };
    let r = await connector.executeTool('gong_calls_search', { ...input, max_requests: 3 });
    expect(r.stopped).toBe('max_requests');
    const paths = new Set<string>();
    for (let turn = 0; turn < 6 && r.next_cursor; turn++) {
      sb.clearLog();
      r = await connector.executeTool('gong_calls_search', { ...input, max_requests: 1, cursor: r.next_cursor });
      expect(r.requests_used, `turn ${turn}`).toBeLessThanOrEqual(1);
      expect(sb.log, `turn ${turn}`).toHaveLength(r.requests_used as number);
      for (const e of sb.log) paths.add(e.path);
    }
    // Both kinds of turn happened: transcripts of the held page, then the listing of the next page.
    expect([...paths].sort()).toEqual(['/v2/calls/extensive', '/v2/calls/transcript']);
  });
});
