// How to find out whether a write whose outcome is uncertain was applied: for each tool that
// writes, the read-only tool that shows it, the inputs to call it with (taken from the write's own
// input) and what to look for. The one place that decides it; test/unit/dispatch/write-check.test.ts
// holds it to the catalogue (every writing tool has a rule, every tool and input named exists).
import type { ToolEntry } from '../catalog/types.js';
import type { WriteCheck } from '../http/errors.js';

type Json = Record<string, unknown>;

export interface CheckRule {
  /** The read-only tool to call; absent when no tool reads the write back (`look` says where to look). */
  tool?: string;
  /**
   * Its inputs: its input name → the write's input name, or `list[].field` for a field of each
   * item of an array input. Inputs the write was not given are left out. Absent when the write's
   * input cannot fill them (the check then has no `input`; `look` says what to look for).
   */
  with?: Record<string, string>;
  /** What to look for; `{name}` stands for the write's input `name`. */
  look: string;
}

const PROSPECT_FLOWS = { tool: 'gong_engage_prospects_flows_list', with: { crm_prospect_ids: 'crm_prospect_ids' } } as const;
const TASKS = { tool: 'gong_engage_tasks_list', look: 'task {task_id} (assignee: user {user_id}) and its status.' } as const;
const CALL_ACCESS = { tool: 'gong_call_users_access_get', with: { call_ids: 'call_access_list[].call_id' } } as const;
const CRM_REQUEST = { tool: 'gong_crm_request_status_get', with: { integration_id: 'integration_id', client_request_id: 'client_request_id' }, look: 'the status of request {client_request_id}.' } as const;
const EVENT = { look: 'No tool reads engagement events back; the same input carries the same eventId, so Gong records it once.' } as const;

export const CHECKS: Readonly<Record<string, CheckRule>> = {
  gong_integration_settings_update: { look: 'No tool reads integration settings back.' },
  gong_permission_profile_create: { tool: 'gong_permission_profiles_list', with: { workspace_id: 'workspace_id' }, look: 'a profile with the name given in profile.' },
  gong_permission_profile_update: { tool: 'gong_permission_profile_get', with: { profile_id: 'profile_id' }, look: 'the values given in profile.' },
  gong_calls_create: { look: 'The same input carries the same clientUniqueId, so Gong registers the call once.' },
  gong_call_media_add: { tool: 'gong_call_get', with: { id: 'call_id' }, look: 'media on call {call_id}.' },
  gong_call_users_access_add: { ...CALL_ACCESS, look: 'the users given for each call.' },
  gong_call_users_access_remove: { ...CALL_ACCESS, look: 'whether the users given still have access.' },
  gong_crm_integration_register: { tool: 'gong_crm_integrations_list', with: {}, look: 'an integration named {name}.' },
  gong_crm_integration_delete: CRM_REQUEST,
  gong_crm_schema_upload: { tool: 'gong_crm_schema_fields_list', with: { integration_id: 'integration_id', object_type: 'object_type' }, look: 'the fields given.' },
  gong_crm_objects_upload: CRM_REQUEST,
  gong_engage_prospects_assign: { ...PROSPECT_FLOWS, look: 'an instance of flow {flow_id} for each prospect.' },
  gong_engage_prospects_assign_cool_off_override: { ...PROSPECT_FLOWS, look: 'an instance of flow {flow_id} for each prospect.' },
  gong_engage_prospects_bulk_assign: { ...PROSPECT_FLOWS, look: 'an instance of flow {flow_id} for each prospect (a bulk assignment may still be running).' },
  gong_engage_prospects_unassign: { ...PROSPECT_FLOWS, look: 'whether each prospect is still in flow {flow_id}.' },
  gong_engage_prospects_unassign_by_instance: { look: 'No tool lists flow instances by id; gong_engage_prospects_flows_list shows them by prospect.' },
  gong_engage_flow_content_override: { look: 'The error names the prospect and flow to check with gong_engage_prospects_flows_list.' },
  gong_engage_digital_interactions_create: EVENT,
  gong_engage_email_activity_report: EVENT,
  gong_engagement_content_viewed_report: EVENT,
  gong_engagement_content_shared_report: EVENT,
  gong_engagement_action_report: EVENT,
  gong_meeting_create: { look: 'No tool lists meetings: look in Gong for a meeting organised by {organizer_email} at {start_time}.' },
  gong_meeting_update: { look: 'No tool reads meetings back: look at meeting {meeting_id} in Gong.' },
  gong_meeting_delete: { look: 'No tool reads meetings back: look for meeting {meeting_id} in Gong.' },
  gong_data_privacy_email_erase: { tool: 'gong_data_privacy_email_lookup', with: { email_address: 'email_address' }, look: 'data still held for {email_address}.' },
  gong_data_privacy_phone_erase: { tool: 'gong_data_privacy_phone_lookup', with: { phone_number: 'phone_number' }, look: 'data still held for {phone_number}.' },
  gong_engage_task_complete: TASKS,
  gong_engage_task_skip: TASKS,
  gong_engage_task_update: TASKS,
  gong_api_request: { look: 'Look in Gong (or read the record back with a GET) for what the request would have changed.' },
};

const text = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));

/** The value of a rule's source (`name` or `list[].field`) in the write's input. */
function valueOf(input: Readonly<Json>, source: string): unknown {
  const [name, field] = source.split('[].') as [string, string | undefined];
  const value = input[name];
  if (field === undefined || !Array.isArray(value)) return value;
  return value.map((item) => (item !== null && typeof item === 'object' ? (item as Json)[field] : undefined)).filter((v) => v !== undefined);
}

/** The check for this tool's write with this input (for a batch: the input with only that batch's items). */
export function checkFor(tool: ToolEntry, input: Readonly<Json>): WriteCheck {
  const rule = CHECKS[tool.name];
  if (!rule) return { look_for: 'Look in Gong for what the call would have changed.' };
  const look = rule.look.replace(/\{([a-z_]+)\}/g, (whole, name: string) => (input[name] === undefined ? whole : text(input[name])));
  if (!rule.tool) return { look_for: look };
  if (!rule.with) return { tool: rule.tool, look_for: look };
  const with_: Json = {};
  for (const [name, source] of Object.entries(rule.with)) {
    const value = valueOf(input, source);
    if (value !== undefined) with_[name] = value;
  }
  return { tool: rule.tool, input: with_, look_for: look };
}
