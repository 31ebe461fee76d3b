// gong_engage_flow_content_override. Gong has no endpoint that edits a running flow instance
// (docs/contracts.md#flow-content-override), so: look the instance up, unassign it, and assign the same prospect to the same
// flow and owner with the new variables. The flow restarts from its first step. Each failure states
// only what Gong's answers showed: unassigned or not, re-assigned, not re-assigned, or unknown (then
// `check` names the prospect's flows to look at).
import { ConflictError, GongError, InvalidInputError, NotFoundError, type WriteCheck, type WriteOutcome } from '../../http/errors.js';
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
  const prospect = found.crmProspectId;
  // What the prospect's flows show, for any outcome this handler cannot know.
  const check = (look: string): WriteCheck => ({ tool: 'gong_engage_prospects_flows_list', input: { crm_prospect_ids: [prospect] }, look_for: look });
  let unassigned;
  try {
    unassigned = await ctx.request(
      { method: 'POST', path: '/v2/flows/prospects/unassign-flows-by-instance-id', query: [], json: { flowInstanceIds: [instanceId] } },
      { readOnly: false },
    );
  } catch (error) {
    // Nothing was re-assigned; the unassignment's own outcome is the pipeline's (not applied or uncertain).
    if (error instanceof GongError && error.outcome === 'uncertain') {
      error.check = check(`flow instance ${instanceId} in flow ${found.flowId}: if it is gone, the prospect was unassigned and not re-assigned.`);
    }
    throw error;
  }
  const removed = (unassigned?.data as { unassignedFlowInstanceIds?: unknown } | undefined)?.unassignedFlowInstanceIds;
  if (!Array.isArray(removed) || !removed.some((id) => String(id) === instanceId)) {
    // Gong lists the instances it removed: one it does not list was not removed (an answer without
    // the list says nothing), and nothing is re-assigned over a prospect still in the flow.
    const listed = Array.isArray(removed);
    throw withOutcome(new ConflictError({
      message: listed
        ? `Gong did not unassign flow instance ${instanceId} (its answer does not list it); nothing was changed.`
        : `Gong answered the unassignment of flow instance ${instanceId} without saying what it removed; it may have been unassigned, and nothing was re-assigned.`,
      tool: ctx.tool.name, method: 'POST', path: '/v2/flows/prospects/unassign-flows-by-instance-id',
      hint: listed ? 'Check the instance with gong_engage_prospects_flows_list.' : undefined,
    }), listed ? 'not_applied' : 'uncertain', listed ? undefined : check(`flow instance ${instanceId} in flow ${found.flowId}: if it is gone, re-assign the prospect.`));
  }
  // From here on the prospect is out of the flow: any failure must say so, never "not applied".
  const stranded = `Flow instance ${instanceId} was already unassigned, so prospect ${prospect} is no longer in flow ${found.flowId}.`;
  const reassignHint = `Re-assign the prospect with gong_engage_prospects_assign (crm_prospect_ids ["${prospect}"], flow_id "${found.flowId}", flow_instance_owner_email "${found.flowInstanceOwnerEmail}") once the cause is fixed.`;
  const reassigned = check(`an instance of flow ${found.flowId}: if there is none, the re-assignment was not applied. ${reassignHint}`);
  let assigned;
  try {
    assigned = await ctx.request(
      {
        method: 'POST',
        path: '/v2/flows/prospects/assign',
        query: [],
        json: {
          crmProspectsIds: [prospect],
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
      const uncertain = error.outcome === 'uncertain';
      throw withOutcome(new ConflictError({
        message: uncertain
          ? `Flow instance ${instanceId} was unassigned; re-assigning prospect ${prospect} to flow ${found.flowId} may have been applied: ${error.message}`
          : `${stranded} Re-assigning it failed: ${error.message}`,
        status: error.status, errors: error.errors, requestId: error.requestId, tool: ctx.tool.name,
        method: 'POST', path: '/v2/flows/prospects/assign',
        hint: uncertain ? 'Do not re-assign the prospect before checking (see check): it may be assigned twice.' : reassignHint,
      }), uncertain ? 'uncertain' : 'partly_applied', uncertain ? reassigned : undefined);
    }
    throw error;
  }
  const answer = (assigned?.data ?? {}) as { prospectsAssigned?: unknown[]; prospectsNotAssigned?: Array<{ errorMessage?: string; errorCode?: string }> };
  const notAssigned = answer.prospectsNotAssigned ?? [];
  if (notAssigned.length > 0) {
    const why = notAssigned.map((p) => [p.errorCode, p.errorMessage].filter(Boolean).join(': ')).join('; ') || 'no reason given';
    throw withOutcome(new ConflictError({
      message: `${stranded} Gong did not re-assign it (${why}).`,
      errors: notAssigned.map((p) => p.errorMessage ?? p.errorCode ?? 'not assigned'),
      tool: ctx.tool.name, method: 'POST', path: '/v2/flows/prospects/assign', hint: reassignHint,
    }), 'partly_applied');
  }
  if ((answer.prospectsAssigned ?? []).length === 0) {
    // One prospect was sent: Gong's answer lists it as assigned or not; listing neither says nothing.
    throw withOutcome(new ConflictError({
      message: `Flow instance ${instanceId} was unassigned; Gong's answer to re-assigning prospect ${prospect} lists it neither as assigned nor as not assigned.`,
      tool: ctx.tool.name, method: 'POST', path: '/v2/flows/prospects/assign',
      hint: 'Do not re-assign the prospect before checking (see check): it may be assigned twice.',
    }), 'uncertain', reassigned);
  }
  ctx.note(`Flow instance ${instanceId} was unassigned and prospect ${prospect} re-assigned to flow ${found.flowId} with the new variables; the flow restarted from its first step.`);
  return {
    previousFlowInstanceId: instanceId,
    flowId: found.flowId,
    crmProspectId: found.crmProspectId,
    flowInstanceOwnerEmail: found.flowInstanceOwnerEmail,
    unassign: unassigned?.data,
    assign: assigned?.data,
  };
};

function withOutcome(error: GongError, outcome: WriteOutcome, check?: WriteCheck): GongError {
  error.outcome = outcome;
  if (check) error.check = check;
  return error;
}
