// How many more requests a paged plan needs, from what Gong says about its list (`records`:
// totalRecords, currentPageSize, currentPageNumber), so work the day's budget cannot finish is
// refused before it starts rather than half-done.
type Json = Record<string, unknown>;

interface PageCounts {
  total: number;
  pageSize: number;
  page: number | undefined;
}

export function countsOf(data: Json): PageCounts | undefined {
  const records = data.records as Json | undefined;
  if (records === null || typeof records !== 'object') return undefined;
  const total = Number(records.totalRecords);
  const pageSize = Number(records.currentPageSize);
  if (!Number.isFinite(total) || !Number.isFinite(pageSize) || pageSize <= 0) return undefined;
  const page = Number(records.currentPageNumber);
  return { total, pageSize, page: Number.isInteger(page) && page >= 0 ? page : undefined };
}

/**
 * Requests still needed after this page: the pages left for the records not yet fetched, no more
 * than a limit still asks for. Undefined when Gong gave no counts.
 */
export function pagesRemaining(data: Json, pageItems: number, stillWanted: number | undefined): number | undefined {
  const r = countsOf(data);
  if (!r) return undefined;
  const fetched = r.page !== undefined ? (r.page + 1) * r.pageSize : pageItems;
  let left = Math.max(0, r.total - fetched);
  if (stillWanted !== undefined) left = Math.min(left, Math.max(0, stillWanted));
  return Math.ceil(left / r.pageSize);
}

/** "gong_x (250 records in all, 3 more id batches)", for the budget refusal. */
export function describeWork(tool: string, batches: number, records: { total: number } | undefined, more: string): string {
  const parts: string[] = [];
  if (records) parts.push(`${records.total} records in all`);
  if (batches > 1 || (more && batches > 0)) parts.push(`${batches} ${more}id batch${batches === 1 ? '' : 'es'}`);
  return parts.length > 0 ? `${tool} (${parts.join(', ')})` : tool;
}
