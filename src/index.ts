export * from './http/errors.js';
export { parseJson, stringifyJson, JsonInteger } from './http/json.js';
export type { Transport, TransportRequest, TransportResponse } from './transport/types.js';
