// Engagement reporting: digital interactions (eventId is the dedup key → 409 on replay; `person` and
// `trackingId` are mutually exclusive) and the three legacy customer-engagement PUTs.
import { badRequest, conflict } from '../errors.js';
import type { Route, RouteContext } from '../router.js';
import { arr, enumOf, int, obj, str, any, type Schema } from '../schema.js';
import { parseDateTime } from '../time.js';
import { bodyOf, type Json } from './common.js';

const ALREADY_REPORTED = 'Event was already reported in the past';

const customFields = arr(obj({ name: str(), value: str(), dataType: enumOf('STRING', 'NUMBER', 'DATE', 'URL', 'BOOLEAN', 'DURATION') }, ['name', 'value']));

const digitalInteraction: Schema = obj({
  eventId: str(),
  timestamp: str(),
  eventType: str(),
  sourceSystemName: str(),
  sessionId: str(),
  device: enumOf('MOBILE', 'PC'),
  content: obj({
    contentId: str(),
    contentTitle: str(),
    contentLabel: arr(str()),
    contentUrl: str(),
    contentAdditionalInfoUrl: str(),
    numericContentDetails: obj({ value: int(), rangeFrom: int(), rangeTo: int(), numericType: enumOf('PERCENTAGE', 'NPS', 'RATING', 'OTHER') }, ['rangeFrom', 'rangeTo']),
    stepContentDetails: obj({ value: str(), availableSteps: arr(str()) }, ['value', 'availableSteps']),
    searchObjectDetails: obj({ name: str(), objectType: enumOf('VENDOR', 'PRODUCT', 'CATEGORY'), domain: str(), objectId: str(), url: str() }, ['name', 'objectType', 'domain']),
    contentCustomFields: customFields,
  }, ['contentTitle']),
  person: obj({
    name: str(),
    email: str(),
    phoneNumber: str(),
    personId: str(),
    personBusinessContext: obj({ objectType: enumOf('CONTACT', 'LEAD'), objectId: str(), systemName: str() }, ['objectType', 'objectId']),
    location: obj({ country: str(), state: str(), region: str(), city: str() }),
    company: obj({
      companyId: str(),
      name: str(),
      domain: str(),
      companyBusinessContexts: arr(obj({ objectType: enumOf('ACCOUNT', 'OPPORTUNITY'), objectId: str(), systemName: str() }, ['objectType', 'objectId'])),
    }),
    personCustomFields: customFields,
  }),
  customFields,
  trackingId: str(),
}, ['eventId', 'timestamp', 'eventType', 'content']);

// Legacy engagement events (ContentViewedEvent, ContentSharedEvent, CustomActionEvent).
const crmObjects = (types: string[]) => arr(obj({
  system: enumOf('Salesforce', 'HubSpot', 'MicrosoftDynamic', 'Generic'),
  objects: arr(obj({ objectType: enumOf(...types), objectId: str(), fields: arr(obj({ name: str(), value: any() })) }, ['objectType', 'objectId'])),
}, ['system']));
const actor = obj({ email: str(), name: str(), title: str(), context: crmObjects(['Lead', 'Contact', 'Account', 'Opportunity', 'User']) });
const properties = arr(obj({ name: str(), value: str(), dataType: str() }, ['name', 'value', 'dataType']));
const sharer = obj({ id: str(), email: str(), name: str() });
const legacyCommon = {
  reportingSystem: str(), eventTimestamp: str(), eventId: str(), contentId: str(), contentUrl: str(), contentTitle: str(),
  crmContext: crmObjects(['Opportunity', 'Account', 'Lead', 'Contact', 'User']), contentProperties: properties, eventProperties: properties,
  workspaceId: str(), trackingId: str(), mobileAppId: str(), userAgent: str(), agentPlatform: str(), nonCompanyParticipants: arr(actor),
  moreInfoUrl: str(), actionName: str(), sharer, sharingMessageSubject: str(), sharingMessageBody: str(), shareId: str(),
};
const contentViewed = obj({ ...legacyCommon, viewActionTitle: str(), viewInfoUrl: str(), viewer: actor }, ['reportingSystem', 'eventTimestamp', 'contentId', 'contentUrl', 'contentTitle']);
const contentShared = obj({ ...legacyCommon, shareInfoUrl: str(), recipients: arr(actor) }, ['reportingSystem', 'eventTimestamp', 'contentId', 'contentUrl', 'contentTitle']);
const customAction = obj({ ...legacyCommon, eventInfoUrl: str(), actor }, ['reportingSystem', 'eventTimestamp']);

function legacy(eventType: string, emailsOf: (body: Json) => unknown[]) {
  return (ctx: RouteContext) => {
    const body = bodyOf(ctx);
    if (parseDateTime(String(body.eventTimestamp)) === undefined) throw badRequest('eventTimestamp must be an ISO-8601 date-time');
    const { state } = ctx;
    if (typeof body.eventId === 'string') {
      const key = `${ctx.operationId}:${body.eventId}`;
      if (state.engagementEventIds.has(key)) {
        state.replayed(ctx.operationId);
        throw conflict(`${ALREADY_REPORTED}.`);
      }
      state.engagementEventIds.add(key);
    }
    for (const email of emailsOf(body)) {
      if (typeof email !== 'string') continue;
      state.customerEngagement.push({
        email: email.toLowerCase(),
        record: { eventType, timestamp: body.eventTimestamp, contentId: body.contentId, contentUrl: body.contentUrl, reportingSystem: body.reportingSystem, eventName: body.actionName ?? eventType, sourceEventId: body.eventId },
      });
    }
    state.applied(ctx.operationId);
    return { body: {} };
  };
}

export const engagementRoutes: Route[] = [
  {
    method: 'POST', path: '/v2/digital-interaction', operationId: 'addDigitalInteraction', scope: 'api:digital-interactions:write', body: 'json', schema: digitalInteraction,
    handle(ctx) {
      const body = bodyOf(ctx);
      const hasPerson = body.person !== undefined && body.person !== null;
      const hasTracking = typeof body.trackingId === 'string' && body.trackingId !== '';
      if (hasPerson === hasTracking) throw badRequest('Exactly one of person and trackingId must be provided');
      if (parseDateTime(String(body.timestamp)) === undefined) throw badRequest('timestamp must be an ISO-8601 date-time');
      const { state } = ctx;
      const eventId = String(body.eventId);
      if (state.digitalEventIds.has(eventId)) {
        state.replayed(ctx.operationId);
        throw conflict(ALREADY_REPORTED);
      }
      state.digitalEventIds.add(eventId);
      const person = body.person as Json | undefined;
      const content = body.content as Json;
      if (typeof person?.email === 'string') {
        state.customerEngagement.push({
          email: person.email.toLowerCase(),
          record: { eventType: 'digitalInteraction', timestamp: body.timestamp, contentId: content.contentId, contentUrl: content.contentUrl, reportingSystem: body.sourceSystemName, eventName: body.eventType, sourceEventId: eventId },
        });
      }
      state.applied(ctx.operationId);
      return { body: {} };
    },
  },
  {
    method: 'PUT', path: '/v2/customer-engagement/content/viewed', operationId: 'contentViewed', scope: 'api:engagement-data:write', body: 'json', schema: contentViewed,
    handle: legacy('contentViewed', (b) => [(b.viewer as Json | undefined)?.email]),
  },
  {
    method: 'PUT', path: '/v2/customer-engagement/content/shared', operationId: 'contentShared', scope: 'api:engagement-data:write', body: 'json', schema: contentShared,
    handle: legacy('contentShared', (b) => ((b.recipients as Json[] | undefined) ?? []).map((r) => r.email)),
  },
  {
    method: 'PUT', path: '/v2/customer-engagement/action', operationId: 'customAction', scope: 'api:engagement-data:write', body: 'json', schema: customAction,
    handle: legacy('customEvent', (b) => [(b.actor as Json | undefined)?.email]),
  },
];
