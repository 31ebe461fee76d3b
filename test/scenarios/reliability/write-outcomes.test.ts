// Write outcomes against the sandbox, whose log says what Gong really did (`handled`): a batched
// unassignment whose second request was applied and answered 5xx reports that prospect as
// uncertain (not "not applied, retry them"), and the check it names, called as given, shows it
// out of the flow. A single write refused before Gong applied it (429 past the longest wait) is not_applied.
import { afterEach, describe, expect, it } from 'vitest';
import type { Connector } from '../../../src/connector.js';
import type { GongError } from '../../../src/http/errors.js';
import { FaultInjector } from '../../../src/sandbox/faults.js';
import { startSandbox, type FaultOptions, type Sandbox } from '../../../src/sandbox/index.js';
import { sandboxConnector } from '../../support/sandbox.js';

let sb: Sandbox | undefined;
let connector: Connector | undefined;
afterEach(async () => {
  await connector?.close();
  await sb?.close();
});

async function start(faults: FaultOptions): Promise<Connector> {
  sb = await startSandbox({ rateLimit: false, faults });
  connector = sandboxConnector(sb);
  return connector;
}

const failure = (promise: Promise<unknown>) => promise.then(() => { throw new Error('expected a failure'); }, (e: unknown) => e as GongError);
const UNASSIGN = '/v2/flows/prospects/unassign-flows-by-crm-id';

/** A fault seed whose schedule lets the first request through and answers the second 5xx after applying it. */
function secondRequestFailsAfterApplying(): FaultOptions {
  for (let seed = 1; ; seed++) {
    const options: FaultOptions = { seed, rate5xxAfter: 0.5, routes: [UNASSIGN] };
    const injector = new FaultInjector(options);
    if (injector.decide().kind === 'none' && injector.decide().kind === '5xx-after') return options;
  }
}

/** A flow with at least three prospects in it, from the sandbox's data. */
function flowWithProspects(data: Sandbox['data']): { flow: string; prospects: string[] } {
  const byFlow = new Map<string, string[]>();
  for (const i of data.flowInstances) {
    if (/^Finished/.test(i.status)) continue;
    byFlow.set(i.flowId, [...(byFlow.get(i.flowId) ?? []), i.crmProspectId]);
  }
  const [flow, prospects] = [...byFlow].find(([, p]) => new Set(p).size >= 3)!;
  return { flow, prospects: [...new Set(prospects)].slice(0, 3) };
}

describe('write outcomes as the sandbox applied them', () => {
  it('a batch applied but answered 5xx is uncertain, and its check shows it applied', async () => {
    const c = await start(secondRequestFailsAfterApplying());
    const { flow, prospects } = flowWithProspects(sb!.data);
    const error = await failure(c.executeTool('gong_engage_prospects_unassign', { crm_prospect_ids: prospects, flow_id: flow, confirm: true }));
    const unassigns = sb!.log.filter((e) => e.path === UNASSIGN);
    // Both requests reached the handler and were applied; the second's answer was a 5xx; the third was never sent.
    expect(unassigns.map((e) => [e.handled, e.fault])).toEqual([[200, undefined], [200, '5xx-after']]);
    const json = error.toJSON();
    expect(json.outcome).toBe('uncertain');
    expect(json.batches).toEqual({ input: 'crm_prospect_ids', applied: [prospects[0]], uncertain: [prospects[1]], not_applied: [prospects[2]] });
    expect(`${json.message} ${json.hint}`).not.toMatch(/retry/i);
    expect(json.check).toEqual({
      tool: 'gong_engage_prospects_flows_list', input: { crm_prospect_ids: [prospects[1]] }, look_for: `whether each prospect is still in flow ${flow}.`,
    });
    // The check, called as given, shows what Gong did: the uncertain prospect left the flow.
    const seen = await c.executeTool(json.check!.tool!, json.check!.input!);
    expect((seen.prospectsAssigned as Array<{ flowId: string }>).filter((p) => p.flowId === flow)).toEqual([]);
    const untouched = await c.executeTool('gong_engage_prospects_flows_list', { crm_prospect_ids: [prospects[2]] });
    expect((untouched.prospectsAssigned as Array<{ flowId: string }>).some((p) => p.flowId === flow)).toBe(true);
  });

  it('a write refused before Gong applied it (429) is not_applied', async () => {
    const c = await start({ seed: 1, rate429: 1, retryAfterSeconds: 3600, routes: ['/v2/tasks/'] });
    const error = await failure(c.executeTool('gong_engage_task_complete', { task_id: '77', user_id: '12' }));
    expect(error.code).toBe('rate_limited');
    expect(error.outcome).toBe('not_applied');
    expect(sb!.log.filter((e) => e.path.startsWith('/v2/tasks/')).map((e) => e.handled)).toEqual([undefined]);
  });
});
