// gong_engage_flow_content_override. Gong has no endpoint that edits a running flow instance
// (DESIGN §7), so: look the instance up, unassign it, and assign the same prospect to the same
// flow and owner with the new variables. The flow restarts from its first step.
import { InvalidInputError, NotFoundError } from '../../http/errors.js';
import type { Handler } from './types.js';

interface Assigned {
  flowId?: string;
  crmProspectId?: string;
  flowInstanceId?: string;
  flowInstanceOwnerEmail?: string;
  flowInstanceStatus?: string;
}

export const flowContentOverride: Handler = async (ctx, input) => {
  const instanceId = String(input.flow_instance_id);
  const variables = Object.entries(input.field_values as Record<string, unknown>).map(([name, value]) => ({
    name,
    value: typeof value === 'string' ? value : JSON.stringify(value),
  }));
  const lookup = await ctx.request(
    { method: 'POST', path: '/v2/flows/prospects', query: [], json: { flowInstanceIds: [instanceId] } },
    { readOnly: true },
  );
  if (!lookup) {
    ctx.note('Dry run: the unassign and re-assign requests depend on the instance lookup and are not shown.');
    return {};
  }
  const found = ((lookup.data as { prospectsAssigned?: Assigned[] }).prospectsAssigned ?? []).find(
    (p) => String(p.flowInstanceId) === instanceId,
  );
  if (!found?.flowId || !found.crmProspectId || !found.flowInstanceOwnerEmail) {
    throw new NotFoundError({
      message: `Flow instance ${instanceId} was not found.`,
      tool: ctx.tool.name, field: 'flow_instance_id',
      hint: 'Find instance ids with gong_engage_prospects_flows_list.',
    });
  }
  if (found.flowInstanceStatus && /^Finished/.test(found.flowInstanceStatus)) {
    throw new InvalidInputError({
      message: `Flow instance ${instanceId} has already finished (${found.flowInstanceStatus}); there is nothing to override.`,
      tool: ctx.tool.name, field: 'flow_instance_id',
    });
  }
  const unassigned = await ctx.request(
    { method: 'POST', path: '/v2/flows/prospects/unassign-flows-by-instance-id', query: [], json: { flowInstanceIds: [instanceId] } },
    { readOnly: false },
  );
  const assigned = await ctx.request(
    {
      method: 'POST',
      path: '/v2/flows/prospects/assign',
      query: [],
      json: {
        crmProspectsIds: [found.crmProspectId],
        flowId: found.flowId,
        flowInstanceOwnerEmail: found.flowInstanceOwnerEmail,
        overrides: { flowInstanceVariables: variables },
      },
    },
    { readOnly: false },
  );
  ctx.note(`Flow instance ${instanceId} was unassigned and prospect ${found.crmProspectId} re-assigned to flow ${found.flowId} with the new variables; the flow restarted from its first step.`);
  return {
    previousFlowInstanceId: instanceId,
    flowId: found.flowId,
    crmProspectId: found.crmProspectId,
    flowInstanceOwnerEmail: found.flowInstanceOwnerEmail,
    unassign: unassigned?.data,
    assign: assigned?.data,
  };
};
