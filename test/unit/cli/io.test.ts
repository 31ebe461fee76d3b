// The CLI's failure output on a terminal (src/cli/io.ts): a failed write's outcome, check and
// batches are shown, since its hint refers to them.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ConnectionError } from '../../../src/http/errors.js';
import { reportError } from '../../../src/cli/io.js';

describe('failures on a terminal', () => {
  it('show a failed write\'s outcome, check and batches', () => {
    const error = new ConnectionError({ message: 'The connection to Gong failed during POST /v2/flows/prospects/assign (ECONNRESET).', reached: true });
    error.outcome = 'uncertain';
    error.check = { tool: 'gong_engage_prospects_flows_list', input: { crm_prospect_ids: ['p2'] }, look_for: 'an instance of flow 55 for each prospect.' };
    error.batches = { input: 'crm_prospect_ids', applied: ['p1'], not_applied: [], uncertain: ['p2'] };
    const stderr = new PassThrough();
    reportError({ stderr, stderrIsTTY: true }, error);
    const text = String(stderr.read());
    expect(text).toContain('outcome: uncertain');
    expect(text).toContain('check: {"tool":"gong_engage_prospects_flows_list","input":{"crm_prospect_ids":["p2"]}');
    expect(text).toContain('batches: {"input":"crm_prospect_ids","applied":["p1"],"not_applied":[],"uncertain":["p2"]}');
  });
});
