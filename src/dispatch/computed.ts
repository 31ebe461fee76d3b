// Request fields derived from the whole input (`computed:` in the manifest).
import { fingerprint } from '../util/fingerprint.js';

export type ComputedFn = (input: Readonly<Record<string, unknown>>) => unknown;

const digest = (prefix: string, input: unknown) => `${prefix}-${fingerprint(input, 32)}`;

export const COMPUTED: Record<string, ComputedFn> = {
  /**
   * Gong deduplicates uploads on clientUniqueId. Deriving it from the input (when the caller gives
   * none) means a retried or re-run call registers the same call once, never twice.
   */
  client_unique_id: (input) =>
    typeof input.client_unique_id === 'string' && input.client_unique_id !== ''
      ? input.client_unique_id
      : digest('gc', { ...input, client_unique_id: undefined }),
  /**
   * Gong deduplicates engagement events on eventId: the caller's `event_id`, else derived from the
   * event's inputs, so a retried or re-run report is recorded once.
   */
  event_id: (input) =>
    typeof input.event_id === 'string' && input.event_id !== '' ? input.event_id : digest('ge', { ...input, event_id: undefined }),
  /** `primary_user`, else the first party that has a Gong user id; Gong requires one. */
  primary_user: (input) => {
    if (typeof input.primary_user === 'string') return input.primary_user;
    const parties = Array.isArray(input.parties) ? (input.parties as Array<Record<string, unknown>>) : [];
    const withUser = parties.find((p) => typeof p.user_id === 'string' || typeof p.userId === 'string');
    if (!withUser) {
      throw new RangeError('primary_user: Gong needs the call\'s primary user: give primary_user, or a party with user_id (the Gong user who hosted the call).');
    }
    return withUser.user_id ?? withUser.userId;
  },
  /** A digital interaction's content title: `content_title`, else the event name. */
  digital_content_title: (input) =>
    typeof input.content_title === 'string' && input.content_title !== '' ? input.content_title : input.event_name,
  /** An email event's content title: `email_subject`, else "Email <email_id>". */
  email_content_title: (input) =>
    typeof input.email_subject === 'string' && input.email_subject !== '' ? input.email_subject : `Email ${String(input.email_id)}`,
  /** The prospect's CRM record for a digital interaction: `{objectType: CONTACT or LEAD, objectId}`. */
  person_business_context: (input) =>
    typeof input.crm_contact_id === 'string' && input.crm_contact_id !== ''
      ? { objectType: input.crm_contact_type === 'LEAD' ? 'LEAD' : 'CONTACT', objectId: input.crm_contact_id }
      : undefined,
};
