import { describe, expect, it } from 'vitest';
import { createSandboxData } from '../../../src/sandbox/data/index.js';
import { generateTranscript } from '../../../src/sandbox/data/transcript.js';
import { ANCHOR } from './helpers.js';

const data = createSandboxData(1, ANCHOR);
const ID = /^\d{19}$/;

describe('createSandboxData', () => {
  it('is deterministic: same seed and anchor give identical data, including lazily built parts', () => {
    const again = createSandboxData(1, ANCHOR);
    // Content and interaction are built on first read; compare them on a sample, read in another order.
    const skipLazy = (key: string, value: unknown) => (key === 'content' || key === 'interaction' ? undefined : value);
    expect(JSON.stringify(again, skipLazy)).toBe(JSON.stringify(data, skipLazy));
    for (const i of [1999, 7, 512, 1024]) {
      expect(again.calls[i]?.content).toEqual(data.calls[i]?.content);
      expect(again.calls[i]?.interaction).toEqual(data.calls[i]?.interaction);
    }
  });

  it('differs for another seed and for another anchor', () => {
    const other = createSandboxData(2, ANCHOR);
    expect(other.users[0]?.id).not.toBe(data.users[0]?.id);
    expect(other.calls.map((c) => c.metaData.title)).not.toEqual(data.calls.map((c) => c.metaData.title));
    const later = createSandboxData(1, new Date('2025-09-01T00:00:00Z'));
    expect(later.calls[0]?.metaData.id).not.toBe(data.calls[0]?.metaData.id);
  });

  it('has at least 3 workspaces and 40 users whose managers form one hierarchy', () => {
    expect(data.workspaces.length).toBeGreaterThanOrEqual(3);
    expect(data.users).toHaveLength(40);
    const byId = new Map(data.users.map((u) => [u.id, u]));
    const roots = data.users.filter((u) => u.managerId === undefined);
    expect(roots).toHaveLength(1);
    for (const u of data.users) {
      expect(u.id).toMatch(ID);
      expect(u.emailAddress).toMatch(/^[a-z.]+@lumendata\.example$/);
      expect(u.title).not.toBe('');
      expect(u.spokenLanguages.length).toBeGreaterThan(0);
      // Walking up the managers always reaches the root without cycles.
      let cursor = u;
      for (let steps = 0; cursor.managerId !== undefined; steps++) {
        expect(steps).toBeLessThan(10);
        cursor = byId.get(cursor.managerId) as typeof u;
        expect(cursor).toBeDefined();
      }
      expect(cursor).toBe(roots[0]);
    }
    // Ids are above 2^53: JSON.parse of them as numbers would lose digits.
    expect(data.users.every((u) => !Number.isSafeInteger(Number(u.id)))).toBe(true);
  });

  it('has 2,000 calls over the 12 months before the anchor, sorted by date', () => {
    expect(data.calls).toHaveLength(2000);
    const anchorMs = ANCHOR.getTime();
    const yearAgo = anchorMs - 366 * 86_400_000;
    let previous = -Infinity;
    for (const c of data.calls) {
      expect(c.filterMs).toBeGreaterThanOrEqual(previous);
      previous = c.filterMs;
      expect(c.startedMs).toBeLessThan(anchorMs);
      expect(c.startedMs).toBeGreaterThan(yearAgo);
      expect(c.metaData.id).toMatch(ID);
      expect(c.metaData.started).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$/);
      expect(c.parties.some((p) => p.userId === c.metaData.primaryUserId)).toBe(true);
    }
    const kinds = new Set(data.calls.map((c) => c.metaData.direction));
    expect(kinds).toEqual(new Set(['Conference', 'Outbound']));
    expect(data.calls.some((c) => c.metaData.scope === 'Internal')).toBe(true);
  });

  it('gives calls content, interaction stats, comments and CRM context', () => {
    const conference = data.calls.filter((c) => c.kind === 'discovery');
    const c = conference[0];
    expect(c).toBeDefined();
    if (!c) return;
    expect(c.content.topics.length).toBeGreaterThan(2);
    expect(c.content.brief.length).toBeGreaterThan(50);
    expect(c.content.outline.length).toBeGreaterThan(2);
    expect(c.content.keyPoints.length).toBeGreaterThan(0);
    expect(c.interaction.interactionStats.map((s) => s.name)).toContain('Talk Ratio');
    expect(c.crmObjects.map((o) => o.objectType)).toEqual(expect.arrayContaining(['Account']));
    expect(data.calls.some((x) => x.collaboration.publicComments.length > 0)).toBe(true);
    expect(data.calls.some((x) => x.content.trackers.some((t) => t.occurrences.length > 0))).toBe(true);
    expect(data.calls.some((x) => x.content.callOutcome !== undefined)).toBe(true);
  });

  it('covers the rest of the tenant', () => {
    expect(data.answeredScorecards.length).toBeGreaterThan(50);
    expect(data.scorecards.length).toBeGreaterThan(0);
    expect(data.trackers.length).toBeGreaterThan(0);
    expect(data.callOutcomes.length).toBeGreaterThan(0);
    expect(data.libraryFolders.some((f) => f.calls.length > 0)).toBe(true);
    expect(data.flowFolders.some((f) => f.parentFolderId === 'null')).toBe(true);
    expect(data.flows.every((f) => f.steps.length > 0)).toBe(true);
    expect(data.flowInstances.length).toBeGreaterThan(100);
    expect(data.tasks.length).toBeGreaterThan(50);
    expect(Number.isSafeInteger(Number(data.crmIntegration.integrationId))).toBe(false);
    for (const type of ['AccessLog', 'UserActivityLog', 'UserCallPlay', 'ExternallySharedCallAccess', 'ExternallySharedCallPlay'] as const) {
      expect(data.logs[type].length).toBeGreaterThan(0);
    }
    expect(data.permissionProfiles.length).toBeGreaterThanOrEqual(data.workspaces.length);
    expect(Object.keys(data.userSettingsHistory)).toContain(data.users[0]?.id);
  });
});

describe('transcripts', () => {
  const sample = data.calls.filter((_, i) => i % 40 === 0);

  it('read like a conversation: monologues with speakers from the parties, topics (some null) and ms offsets', () => {
    const call = data.calls.find((c) => c.kind === 'demo') ?? data.calls[0];
    if (!call) throw new Error('no calls');
    const transcript = generateTranscript(call);
    const speakerIds = new Set(call.parties.map((p) => p.speakerId).filter(Boolean));
    expect(transcript.length).toBeGreaterThan(20);
    for (const m of transcript) {
      expect(speakerIds.has(m.speakerId)).toBe(true);
      for (const s of m.sentences) {
        expect(s.end).toBeGreaterThan(s.start);
        expect(s.end).toBeLessThanOrEqual(call.metaData.duration * 1000);
        expect(s.text).toMatch(/\w/);
      }
    }
    expect(transcript.some((m) => m.topic === null)).toBe(true);
    expect(transcript.some((m) => m.topic !== null)).toBe(true);
    // Placeholders are all filled.
    expect(JSON.stringify(transcript)).not.toMatch(/\{[a-zA-Z0-9]+\}/);
    const starts = transcript.flatMap((m) => m.sentences.map((s) => s.start));
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });

  it('are 20-45 KB of JSON for a typical call (median), about 1 KB per call minute', () => {
    const sizes = sample.map((c) => JSON.stringify(generateTranscript(c)).length).sort((a, b) => a - b);
    const median = sizes[Math.floor(sizes.length / 2)] as number;
    console.log(`transcript JSON size over ${sizes.length} calls: median ${(median / 1024).toFixed(1)} KB, max ${((sizes[sizes.length - 1] ?? 0) / 1024).toFixed(1)} KB`);
    expect(median).toBeGreaterThanOrEqual(20 * 1024);
    expect(median).toBeLessThanOrEqual(45 * 1024);
    for (const c of sample.filter((x) => x.metaData.duration >= 600)) {
      const perMinute = JSON.stringify(generateTranscript(c)).length / (c.metaData.duration / 60);
      expect(perMinute).toBeGreaterThan(600);
      expect(perMinute).toBeLessThan(1600);
    }
  });

  it('are deterministic per call', () => {
    const fresh = createSandboxData(1, ANCHOR);
    const a = data.calls[120];
    const b = fresh.calls[120];
    if (!a || !b) throw new Error('no calls');
    expect(generateTranscript(b)).toEqual(generateTranscript(a));
  });
});

describe('call count', () => {
  it('holds 2,000 calls by default and as many as asked, deterministically, over the same 12 months', () => {
    expect(data.calls).toHaveLength(2000);
    const more = createSandboxData(1, ANCHOR, { callCount: 3000 });
    expect(more.calls).toHaveLength(3000);
    expect(createSandboxData(1, ANCHOR, { callCount: 3000 }).calls.map((c) => c.metaData.id)).toEqual(more.calls.map((c) => c.metaData.id));
    const span = (d: typeof data) => [d.calls[0]!.filterMs, d.calls.at(-1)!.filterMs];
    expect(span(more)[0]! - span(data)[0]!).toBeLessThan(7 * 86_400_000);
    expect(() => createSandboxData(1, ANCHOR, { callCount: 0 })).toThrow(RangeError);
  });
});
