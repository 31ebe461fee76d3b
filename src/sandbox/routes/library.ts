// The public call library: folder tree and the calls (with snippets) inside a folder.
import { badRequest, notFound } from '../errors.js';
import type { Route } from '../router.js';

export const libraryRoutes: Route[] = [
  {
    method: 'GET', path: '/v2/library/folders', operationId: 'getLibraryStructure', scope: 'api:library:read', cache: true,
    query: [{ name: 'workspaceId' }],
    handle(ctx) {
      const ws = ctx.query.get('workspaceId') || undefined;
      const folders = ctx.state.data.libraryFolders
        .filter((f) => ws === undefined || f.workspaceId === ws)
        .map(({ id, name, parentFolderId, createdBy, updated }) => ({ id, name, parentFolderId, createdBy, updated }));
      if (folders.length === 0) throw notFound('No folders found for the specified period');
      return { body: { folders } };
    },
  },
  {
    method: 'GET', path: '/v2/library/folder-content', operationId: 'getCallsInSpecificFolder', scope: 'api:library:read', cache: true,
    // Optional in the spec, but a folder id is the point of the call (docs/gong-api.md#known-spec-inaccuracies).
    query: [{ name: 'folderId' }],
    handle(ctx) {
      const id = ctx.query.get('folderId');
      if (!id) throw badRequest('folderId is required');
      const folder = ctx.state.data.libraryFolders.find((f) => f.id === id);
      if (!folder) throw notFound('No folders found for the specified period');
      return { body: { id: folder.id, name: folder.name, createdBy: folder.createdBy, updated: folder.updated, calls: folder.calls } };
    },
  },
];
