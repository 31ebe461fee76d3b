// The transcript text format an agent reads: a legend of the speakers once, a short label per
// turn, topic lines, and minute marks that place every sentence to the minute; every sentence
// verbatim; a budget cut at a sentence boundary that a later render resumes.
import { describe, expect, it } from 'vitest';
import { jsonChars, KEY, minuteMark, renderCall } from '../../../src/render/transcript-text.js';
import type { CallInfo, Monologue } from '../../../src/render/types.js';

const info: CallInfo = {
  id: '42', title: 'Renewal with Acme', url: 'https://app.gong.io/call?id=42', started: '2026-03-02T10:00:00Z', duration: 250,
  parties: [
    { name: 'Caleb Weber', title: 'Account Executive', affiliation: 'Internal', emailAddress: 'caleb@seller.example', speakerId: '1' },
    { name: 'Tara Oyelaran', title: 'VP of Operations', affiliation: 'External', speakerId: '2' },
    { name: 'Carla Wu', affiliation: 'External', speakerId: '3' },
  ],
};

const s = (sec: number, text: string) => ({ start: sec * 1000, end: sec * 1000 + 900, text });
const transcript: Monologue[] = [
  { speakerId: '1', topic: null, sentences: [s(5, 'Hi Tara, thanks for joining.'), s(50, 'Shall we start?')] },
  { speakerId: '2', topic: 'Pricing', sentences: [s(58, 'Sure.'), s(61, 'What does the\nrenewal cost?'), s(75, 'Roughly.')] },
  { speakerId: '3', topic: 'Pricing', sentences: [s(80, 'And the discount?')] },
  { speakerId: '9', topic: 'Next Steps', sentences: [s(185, 'I will send the quote.')] },
  { speakerId: '1', topic: 'Next Steps', sentences: [s(190, 'Talk Friday.')] },
];
const all = transcript.flatMap((m) => m.sentences);

describe('renderCall', () => {
  it('renders a legend once, a label per turn, topic lines and a mark for every minute that has a sentence', () => {
    const r = renderCall('42', info, transcript);
    expect(r.text.split('\n')).toEqual([
      '# Renewal with Acme',
      'call 42 | 2026-03-02T10:00:00Z | duration 00:04:10 | https://app.gong.io/call?id=42',
      'speakers:',
      'CW = Caleb Weber, Account Executive, Internal, caleb@seller.example',
      'TO = Tara Oyelaran, VP of Operations, External',
      'CW2 = Carla Wu, External',
      'Speaker 1 = name unknown, Unknown',
      KEY,
      '[0m] CW: Hi Tara, thanks for joining. Shall we start?',
      '## Pricing',
      'TO: Sure. [1m] What does the renewal cost? Roughly.',
      'CW2: And the discount?',
      '## Next Steps',
      '[3m] Speaker 1: I will send the quote.',
      'CW: Talk Friday.',
    ]);
    expect(minuteMark(12)).toBe('[12m]');
    expect(r.sentences).toBe(all.length);
    expect(r.sentencesKept).toBe(all.length);
    expect(r.next).toBeUndefined();
  });

  it('keeps every sentence verbatim (line breaks become spaces)', () => {
    const { text } = renderCall('42', info, transcript);
    for (const sentence of all) expect(text).toContain(sentence.text.replace('\n', ' '));
  });

  it('marks where a slice leaves sentences out and says what the slice is', () => {
    const r = renderCall('42', info, transcript, { slice: { affiliation: 'Internal' } });
    expect(r.text).toContain('slice: affiliation Internal');
    expect(r.text.split('\n').slice(-4)).toEqual(['[0m] CW: Hi Tara, thanks for joining. Shall we start?', '…', '## Next Steps', '[3m] CW: Talk Friday.']);
    expect(r.sentences).toBe(all.length);
    expect(r.sentencesKept).toBe(3);
  });

  it('stops at a sentence boundary within maxChars and resumes from the next sentence with the legend again', () => {
    const whole = renderCall('42', info, transcript).text;
    const maxChars = jsonChars(whole) - 40;
    const first = renderCall('42', info, transcript, { maxChars });
    expect(jsonChars(first.text)).toBeLessThanOrEqual(maxChars);
    expect(first.next).toBeGreaterThan(0);
    expect(first.nextStart).toBe(all[first.next!]!.start);
    expect(first.sentences).toBe(first.next);
    const rest = renderCall('42', info, transcript, { from: first.next! });
    expect(rest.text).toContain(`| continued from sentence ${first.next! + 1}`);
    expect(rest.text).toContain('CW = Caleb Weber');
    expect(rest.sentences).toBe(all.length - first.next!);
    const body = (t: string) => t.split('\n').filter((l) => /^(\[\d+m\] )?[^\s:=]+( \d+)?: /.test(l) && !l.startsWith('key: ')).join(' ').replace(/\[\d+m\] |(Speaker \d+|[A-Z0-9]+): /g, '');
    expect(`${body(first.text)} ${body(rest.text)}`).toBe(all.map((x) => x.text.replace('\n', ' ')).join(' '));
  });

  it('always shows at least one sentence, however small the budget', () => {
    const r = renderCall('42', info, transcript, { maxChars: 10 });
    expect(r.sentencesKept).toBe(1);
    expect(r.next).toBe(1);
  });
});
