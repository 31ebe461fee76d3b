// Generic CRM integration: register/list/delete the integration (its int64 id is a raw JSON number
// above 2^53), upload the field schema and LDJSON object files (streamed, checked line by line),
// poll an upload's status, and read objects back (ids as a JSON array body on a GET).
import { badRequest, conflict } from '../errors.js';
import { readMultipart } from '../multipart.js';
import type { Route, RouteContext } from '../router.js';
import { arr, bool, enumOf, obj, str } from '../schema.js';
import type { CrmRequest } from '../state.js';
import { bodyOf, int64, type Json } from './common.js';

const SCHEMA_TYPES = ['ACCOUNT', 'CONTACT', 'DEAL', 'LEAD'] as const;
const UPLOAD_TYPES = ['ACCOUNT', 'CONTACT', 'DEAL', 'LEAD', 'BUSINESS_USER', 'STAGE'] as const;
const OBJECTS_CAP = 100;
const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;
const CLIENT_REQUEST_ID = /^[A-Za-z0-9_-]{1,128}$/;
/** CRM timestamps are ISO-8601 without milliseconds. */
const CRM_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:Z|[+-]\d{2}:?\d{2})$/;

function integrationOr400(ctx: RouteContext): string {
  const id = ctx.query.get('integrationId') as string;
  if (!ctx.state.crmIntegrations.some((i) => i.integrationId === id)) throw badRequest(`Integration ${id} not found`);
  return id;
}

function clientRequestIdOf(ctx: RouteContext): string {
  const id = ctx.query.get('clientRequestId') as string;
  if (!CLIENT_REQUEST_ID.test(id)) throw badRequest('clientRequestId may contain only letters, digits, - and _');
  if (ctx.state.crmRequests.has(id)) throw conflict('Client request id has already been used');
  return id;
}

const schemaField = obj({
  uniqueName: str(),
  label: str(),
  type: enumOf('DATE', 'DATETIME', 'NUMBER', 'PERCENT', 'CURRENCY', 'ID', 'URL', 'STRING', 'BOOLEAN', 'PHONENUMBER', 'EMAILADDRESS', 'PICKLIST', 'REFERENCE', 'STRINGARRAY'),
  lastModified: str(),
  isDeleted: bool(),
  referenceTo: str(),
  orderedValueList: arr(str()),
}, ['uniqueName', 'label', 'type']);

export const crmRoutes: Route[] = [
  {
    method: 'GET', path: '/v2/crm/integrations', operationId: 'listGenericCrmIntegration', scope: 'api:crm:integrations:read', cache: true,
    handle(ctx) {
      return { body: { integrations: ctx.state.crmIntegrations.map((i) => ({ ...i, integrationId: int64(i.integrationId) })) } };
    },
  },
  {
    method: 'PUT', path: '/v2/crm/integrations', operationId: 'registerGenericCrmIntegration', scope: 'api:crm:integration:register', body: 'json',
    schema: obj({ ownerEmail: str(), name: str() }, ['ownerEmail', 'name']),
    handle(ctx) {
      const body = bodyOf(ctx);
      if (ctx.state.crmIntegrations.length > 0) throw conflict('An active integration already exists.');
      const owner = ctx.state.userByEmail(String(body.ownerEmail));
      if (!owner) throw badRequest(`ownerEmail ${String(body.ownerEmail)} does not belong to a Gong user`);
      const integration = { integrationId: ctx.state.ids.id19(), ownerEmail: owner.emailAddress, name: String(body.name) };
      ctx.state.crmIntegrations.push(integration);
      ctx.state.applied(ctx.operationId);
      return { body: { integrationId: int64(integration.integrationId) } };
    },
  },
  {
    method: 'DELETE', path: '/v2/crm/integrations', operationId: 'deleteGenericCrmIntegration', scope: 'api:crm:integration:delete',
    query: [{ name: 'integrationId', required: true, type: 'int64' }, { name: 'clientRequestId', required: true }],
    handle(ctx) {
      const integrationId = integrationOr400(ctx);
      const clientRequestId = clientRequestIdOf(ctx);
      const { state } = ctx;
      state.crmIntegrations.splice(state.crmIntegrations.findIndex((i) => i.integrationId === integrationId), 1);
      state.crmRequests.set(clientRequestId, { clientRequestId, integrationId, kind: 'delete', polls: 0, lines: 0, succeeded: 0, errors: [] });
      state.applied(ctx.operationId);
      return { status: 201, body: { clientRequestId } };
    },
  },
  {
    method: 'GET', path: '/v2/crm/entity-schema', operationId: 'listCrmSchemaFields', scope: 'api:crm:schema', cache: true,
    query: [{ name: 'integrationId', required: true, type: 'int64' }, { name: 'objectType', required: true, type: 'enum', values: SCHEMA_TYPES }],
    handle(ctx) {
      integrationOr400(ctx);
      const type = ctx.query.get('objectType') as string;
      return { body: { objectTypeToSelectedFields: { [type]: ctx.state.crmSchema.get(type) ?? [] } } };
    },
  },
  {
    method: 'POST', path: '/v2/crm/entity-schema', operationId: 'uploadCrmSchemaField', scope: 'api:crm:schema', body: 'json',
    query: [{ name: 'integrationId', required: true, type: 'int64' }, { name: 'objectType', required: true, type: 'enum', values: SCHEMA_TYPES }],
    schema: arr(schemaField),
    handle(ctx) {
      integrationOr400(ctx);
      // The whole field list is sent every time; it replaces the previous one.
      ctx.state.crmSchema.set(ctx.query.get('objectType') as string, (ctx.body as Json[]).map((f) => ({ ...f }) as never));
      ctx.state.applied(ctx.operationId);
      return { status: 201, body: {} };
    },
  },
  {
    method: 'GET', path: '/v2/crm/entities', operationId: 'getCrmObjects', scope: 'api:crm:get-objects', body: 'json', bodyOptional: true, cache: true,
    // The spec names a query parameter `objectsCrmIds`; Gong reads the ids from a JSON array body (docs/gong-api.md#known-spec-inaccuracies). Both work here.
    query: [{ name: 'integrationId', required: true, type: 'int64' }, { name: 'objectType', required: true, type: 'enum', values: SCHEMA_TYPES }, { name: 'objectsCrmIds' }],
    schema: arr(str()),
    handle(ctx) {
      integrationOr400(ctx);
      const ids = Array.isArray(ctx.body) ? ctx.body.map(String) : ctx.query.getAll('objectsCrmIds').flatMap((v) => v.split(','));
      if (ids.length === 0) throw badRequest('A JSON array of CRM object ids is required as the request body');
      const objects = ctx.state.crmObjects[ctx.query.get('objectType') as string];
      const crmObjectsMap: Json = {};
      // Ids past the 100th are dropped silently, as in Gong.
      for (const id of ids.slice(0, OBJECTS_CAP)) crmObjectsMap[id] = objects?.get(id) ?? null;
      return { body: { crmObjectsMap } };
    },
  },
  {
    method: 'POST', path: '/v2/crm/entities', operationId: 'uploadCrmData', scope: 'api:crm:upload', body: 'multipart',
    query: [{ name: 'integrationId', required: true, type: 'int64' }, { name: 'objectType', required: true, type: 'enum', values: UPLOAD_TYPES }, { name: 'clientRequestId', required: true }],
    async handle(ctx) {
      const integrationId = integrationOr400(ctx);
      const clientRequestId = clientRequestIdOf(ctx);
      const type = ctx.query.get('objectType') as string;
      const request: CrmRequest = { clientRequestId, integrationId, kind: 'upload', polls: 0, lines: 0, succeeded: 0, errors: [] };
      const accepted: Array<Record<string, unknown>> = [];
      let bytes = 0;
      let found = false;
      let tooLarge = false;
      let partial = '';
      const line = (text: string) => {
        request.lines++;
        if (text.trim() === '') return;
        let record: unknown;
        try {
          record = JSON.parse(text);
        } catch {
          request.errors.push({ line: request.lines, description: 'Line is not valid JSON' });
          return;
        }
        const r = record as Record<string, unknown>;
        if (typeof r.objectId !== 'string' || r.objectId === '' || r.objectId.length > 64) {
          request.errors.push({ line: request.lines, description: 'objectId is required and must be at most 64 characters' });
        } else if (r.lastModified !== undefined && (typeof r.lastModified !== 'string' || !CRM_TIMESTAMP.test(r.lastModified))) {
          request.errors.push({ line: request.lines, description: 'lastModified must be ISO-8601 without milliseconds, e.g. 2024-05-02T10:00:00Z' });
        } else {
          accepted.push(r);
        }
      };
      await readMultipart(ctx.req, (part) => {
        if (part.name !== 'dataFile') return undefined;
        found = true;
        return {
          data(chunk) {
            bytes += chunk.length;
            if (bytes > MAX_UPLOAD_BYTES) {
              tooLarge = true;
              return false;
            }
            const lines = (partial + chunk.toString('utf8')).split('\n');
            partial = lines.pop() ?? '';
            for (const l of lines) line(l);
            return true;
          },
          end() {
            if (partial !== '') line(partial);
            partial = '';
          },
        };
      });
      if (!found) throw badRequest('dataFile is required');
      if (tooLarge) throw badRequest('dataFile is larger than 200 MB');
      const objects = ctx.state.crmObjects[type] ?? new Map<string, Record<string, unknown>>();
      ctx.state.crmObjects[type] = objects;
      for (const r of accepted) objects.set(String(r.objectId), r);
      request.succeeded = accepted.length;
      ctx.state.crmRequests.set(clientRequestId, request);
      ctx.state.applied(ctx.operationId);
      return { status: 201, body: { clientRequestId } };
    },
  },
  {
    method: 'GET', path: '/v2/crm/request-status', operationId: 'getRequestStatus', scope: 'api:crm:upload',
    query: [{ name: 'integrationId', required: true, type: 'int64' }, { name: 'clientRequestId', required: true }],
    handle(ctx) {
      const id = ctx.query.get('clientRequestId') as string;
      const request = ctx.state.crmRequests.get(id);
      if (!request || request.integrationId !== ctx.query.get('integrationId')) throw badRequest(`clientRequestId ${id} not found for this integration`);
      // Asynchronous in Gong: the first poll sees it in progress, later polls see the outcome.
      request.polls++;
      const success = request.succeeded;
      const status = request.polls === 1 ? 'IN_PROGRESS' : request.errors.length > 0 && success === 0 ? 'FAILED' : 'DONE';
      return {
        body: {
          status,
          errors: status === 'IN_PROGRESS' ? [] : request.errors,
          totalErrorCount: status === 'IN_PROGRESS' ? 0 : request.errors.length,
          totalSuccessCount: status === 'IN_PROGRESS' ? 0 : success,
        },
      };
    },
  },
];
