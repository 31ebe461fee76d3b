// The answer's shape without Gong: concise pruning, the bulky sub-records it drops, fields through
// arrays, maps kept as they are, and values copied untouched (src/dispatch/shape.ts).
import { describe, expect, it } from 'vitest';
import { Shaper, shapeOf } from '../../../src/dispatch/shape.js';

const call = {
  metaData: { id: '7782342274025937895', title: 'QBR', duration: 0, isPrivate: false, customData: null, url: 'https://app.gong.io/call?id=7782342274025937895' },
  parties: [{ name: 'Ada', affiliation: 'Internal', methods: ['Invitee'], phoneNumber: '' }, { name: 'Bo', affiliation: 'External', context: [] }],
  content: { trackers: [{ name: 'Pricing', count: 2, phrases: [{ phrase: 'price', count: 2 }] }], outline: [{ section: 'x' }], topics: [] },
  context: [{ system: 'Salesforce', objects: [] }],
};

describe('Shaper', () => {
  it('reads the shape from the input: concise unless detailed, fields only when given', () => {
    expect(shapeOf({})).toEqual({ format: 'concise', fields: undefined });
    expect(shapeOf({ response_format: 'detailed', fields: ['a.b'] })).toEqual({ format: 'detailed', fields: ['a.b'] });
  });

  it('concise drops nulls, empties, zero counters and the listed bulky sub-records, and keeps false and ids', () => {
    expect(new Shaper(shapeOf({})).record(call)).toEqual({
      metaData: { id: '7782342274025937895', title: 'QBR', duration: 0, url: 'https://app.gong.io/call?id=7782342274025937895' },
      parties: [{ name: 'Ada', affiliation: 'Internal' }, { name: 'Bo', affiliation: 'External' }],
      content: { trackers: [{ name: 'Pricing', count: 2 }] },
    });
    expect(new Shaper(shapeOf({})).record({ active: false, id: '1' })).toEqual({ active: false, id: '1' });
  });

  it('concise never changes a value: array elements keep their places, and a zero that is not a count stays', () => {
    const stats = { series: [0, 3, 0, 2], measures: [{ name: 'Talk Ratio', value: 0 }, { name: 'Patience', value: 0.4 }], score: 0, callsCount: 0, totalRecords: 0, numQuestions: 0 };
    expect(new Shaper(shapeOf({})).record(stats)).toEqual({ series: [0, 3, 0, 2], measures: [{ name: 'Talk Ratio', value: 0 }, { name: 'Patience', value: 0.4 }], score: 0 });
  });

  it('detailed returns the very same record', () => {
    expect(new Shaper(shapeOf({ response_format: 'detailed' })).record(call)).toBe(call);
  });

  it('fields keep the named paths through arrays, a whole sub-tree by its prefix, and name what matched nothing', () => {
    const s = new Shaper(shapeOf({ response_format: 'detailed', fields: ['metaData.id', 'parties.name', 'content.trackers', 'metaData.nope'] }));
    expect(s.record(call)).toEqual({
      metaData: { id: '7782342274025937895' },
      parties: [{ name: 'Ada' }, { name: 'Bo' }],
      content: { trackers: call.content.trackers },
    });
    expect(s.unmatched()).toEqual(['metaData.nope']);
    // Concise with fields prunes what the fields kept (no bulky-record list: the caller chose).
    expect(new Shaper(shapeOf({ fields: ['metaData.duration', 'metaData.title', 'content.trackers'] })).record(call))
      .toEqual({ metaData: { duration: 0, title: 'QBR' }, content: { trackers: call.content.trackers } });
  });

  it('the envelope loses Gong\'s request metadata and empties, but not the records or the maps kept as they are', () => {
    const s = new Shaper(shapeOf({}), new Set(['crmObjectsMap']));
    expect(s.envelope({ requestId: 'r', records: { totalRecords: 3 }, calls: [], crmObjectsMap: { a: null }, extra: null }, 'calls'))
      .toEqual({ calls: [], crmObjectsMap: { a: null } });
    expect(s.document({ requestId: 'r', crmObjectsMap: { a: null, b: { id: '1', x: '' } }, user: { id: '2', phone: null } }))
      .toEqual({ crmObjectsMap: { a: null, b: { id: '1', x: '' } }, user: { id: '2' } });
  });
});
