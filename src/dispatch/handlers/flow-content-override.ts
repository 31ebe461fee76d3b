// gong_engage_flow_content_override. Gong has no endpoint that edits a running flow instance
// (docs/contracts.md#flow-content-override), so: look the instance up, unassign it, and assign the same prospect to the same
// flow and owner with the new variables. The flow restarts from its first step.
import { ConflictError, GongError, InvalidInputError, NotFoundError } from '../../http/errors.js';
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
  // From here on the prospect is out of the flow: any failure must say so, never "not applied".
  const stranded = `Flow instance ${instanceId} was already unassigned, so prospect ${found.crmProspectId} is no longer in flow ${found.flowId}.`;
  const reassignHint = `Re-assign the prospect with gong_engage_prospects_assign (crm_prospect_ids ["${found.crmProspectId}"], flow_id "${found.flowId}", flow_instance_owner_email "${found.flowInstanceOwnerEmail}") once the cause is fixed.`;
  let assigned;
  try {
    assigned = await ctx.request(
      {
        method: 'POST',
        path: '/v2/flows/prospects/assign',
        query: [],
        json: {
          crmProspectsIds: [found.crmProspectId],
          flowId: found.flowId,
          flowInstanceOwnerEmail: found.flowInstanceOwnerEmail,
          // The prospect just left this flow: its cool-off period must not block the re-assignment.
          overrides: { flowInstanceVariables: variables, coolOffOverride: true },
        },
      },
      { readOnly: false },
    );
  } catch (error) {
    if (error instanceof GongError) {
      throw new ConflictError({
        message: `${stranded} Re-assigning it failed: ${error.message}`,
        status: error.status, errors: error.errors, requestId: error.requestId, tool: ctx.tool.name,
        method: 'POST', path: '/v2/flows/prospects/assign', hint: reassignHint,
      });
    }
    throw error;
  }
  const notAssigned = ((assigned?.data as { prospectsNotAssigned?: Array<{ errorMessage?: string; errorCode?: string }> } | undefined)
    ?.prospectsNotAssigned ?? []);
  if (notAssigned.length > 0) {
    const why = notAssigned.map((p) => [p.errorCode, p.errorMessage].filter(Boolean).join(': ')).join('; ') || 'no reason given';
    throw new ConflictError({
      message: `${stranded} Gong did not re-assign it (${why}).`,
      errors: notAssigned.map((p) => p.errorMessage ?? p.errorCode ?? 'not assigned'),
      tool: ctx.tool.name, method: 'POST', path: '/v2/flows/prospects/assign', hint: reassignHint,
    });
  }
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
