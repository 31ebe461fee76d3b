// What each kind of call looks like: medium, length, who hosts, which conversation phases it goes
// through (with their share of the call and the Gong topic Gong would label them with).
import type { CallKind, UserRole } from './types.js';

export interface PhasePlan {
  phase: string;
  share: number;
}

export interface KindPlan {
  kind: CallKind;
  weight: number;
  conference: boolean;
  direction: 'Inbound' | 'Outbound' | 'Conference';
  minutes: readonly [number, number];
  hosts: readonly UserRole[];
  /** Roles of extra internal attendees, each joining with probability `extraChance`. */
  extras: readonly UserRole[];
  extraChance: number;
  externals: readonly [number, number];
  phases: readonly PhasePlan[];
  titles: readonly string[];
  outcomes: readonly string[];
}

/** Gong topic per phase; null marks stretches Gong leaves unlabelled. */
export const PHASE_TOPICS: Record<string, string | null> = {
  greeting: null,
  'cold-open': null,
  agenda: 'Call Setup',
  discovery: 'Business Challenges',
  'current-process': 'Current Solution',
  demo: 'Product Demo',
  technical: 'Integrations',
  security: 'Security',
  pricing: 'Pricing',
  negotiation: 'Contract Terms',
  competition: 'Competition',
  timeline: 'Timeline',
  onboarding: 'Implementation',
  review: 'Success Metrics',
  renewal: 'Renewal',
  'next-steps': 'Next Steps',
  pitch: 'Value Proposition',
  objection: 'Objections',
  voicemail: null,
  pipeline: 'Pipeline Review',
  wrap: null,
};

export const KIND_PLANS: readonly KindPlan[] = [
  {
    kind: 'cold-call', weight: 22, conference: false, direction: 'Outbound', minutes: [3, 9], hosts: ['sdr'], extras: [], extraChance: 0,
    externals: [1, 1],
    phases: [{ phase: 'cold-open', share: 0.1 }, { phase: 'pitch', share: 0.35 }, { phase: 'objection', share: 0.25 }, { phase: 'next-steps', share: 0.2 }, { phase: 'wrap', share: 0.1 }],
    titles: ['Outbound call to {contact}', 'Call with {contact} ({company})'],
    outcomes: ['Meeting booked', 'Interested - follow up', 'Not interested', 'Gatekeeper'],
  },
  {
    kind: 'no-connect', weight: 8, conference: false, direction: 'Outbound', minutes: [0.4, 1], hosts: ['sdr', 'ae'], extras: [], extraChance: 0,
    externals: [1, 1],
    phases: [{ phase: 'voicemail', share: 1 }],
    titles: ['Outbound call to {contact}'],
    outcomes: ['Left voicemail', 'No answer', 'Wrong number'],
  },
  {
    kind: 'discovery', weight: 17, conference: true, direction: 'Conference', minutes: [24, 45], hosts: ['ae'], extras: ['sdr', 'sales-manager'], extraChance: 0.25,
    externals: [1, 3],
    phases: [
      { phase: 'greeting', share: 0.06 }, { phase: 'agenda', share: 0.05 }, { phase: 'discovery', share: 0.34 },
      { phase: 'current-process', share: 0.2 }, { phase: 'competition', share: 0.08 }, { phase: 'timeline', share: 0.1 },
      { phase: 'next-steps', share: 0.11 }, { phase: 'wrap', share: 0.06 },
    ],
    titles: ['{company} <> {seller} | Discovery', 'Intro call: {company} & {seller}', '{seller} / {company} - Discovery Call'],
    outcomes: [],
  },
  {
    kind: 'demo', weight: 14, conference: true, direction: 'Conference', minutes: [32, 60], hosts: ['ae'], extras: ['se'], extraChance: 0.7,
    externals: [2, 4],
    phases: [
      { phase: 'greeting', share: 0.05 }, { phase: 'agenda', share: 0.04 }, { phase: 'discovery', share: 0.1 },
      { phase: 'demo', share: 0.45 }, { phase: 'technical', share: 0.1 }, { phase: 'pricing', share: 0.1 },
      { phase: 'next-steps', share: 0.11 }, { phase: 'wrap', share: 0.05 },
    ],
    titles: ['{product} Demo for {company}', '{company} | Product Walkthrough', 'Demo: {seller} x {company}'],
    outcomes: [],
  },
  {
    kind: 'technical', weight: 6, conference: true, direction: 'Conference', minutes: [30, 55], hosts: ['se', 'ae'], extras: ['se', 'ae'], extraChance: 0.6,
    externals: [1, 3],
    phases: [
      { phase: 'greeting', share: 0.05 }, { phase: 'agenda', share: 0.04 }, { phase: 'technical', share: 0.4 },
      { phase: 'security', share: 0.25 }, { phase: 'demo', share: 0.12 }, { phase: 'next-steps', share: 0.1 }, { phase: 'wrap', share: 0.04 },
    ],
    titles: ['{company} Technical Deep Dive', 'Security & Integrations Review - {company}'],
    outcomes: [],
  },
  {
    kind: 'negotiation', weight: 6, conference: true, direction: 'Conference', minutes: [20, 40], hosts: ['ae'], extras: ['sales-manager'], extraChance: 0.5,
    externals: [1, 2],
    phases: [
      { phase: 'greeting', share: 0.06 }, { phase: 'pricing', share: 0.3 }, { phase: 'negotiation', share: 0.3 },
      { phase: 'timeline', share: 0.1 }, { phase: 'competition', share: 0.06 }, { phase: 'next-steps', share: 0.12 }, { phase: 'wrap', share: 0.06 },
    ],
    titles: ['{company} - Commercials Review', 'Proposal walkthrough with {company}'],
    outcomes: [],
  },
  {
    kind: 'onboarding', weight: 7, conference: true, direction: 'Conference', minutes: [30, 50], hosts: ['csm'], extras: ['se'], extraChance: 0.2,
    externals: [1, 4],
    phases: [
      { phase: 'greeting', share: 0.05 }, { phase: 'agenda', share: 0.05 }, { phase: 'onboarding', share: 0.5 },
      { phase: 'technical', share: 0.17 }, { phase: 'next-steps', share: 0.17 }, { phase: 'wrap', share: 0.06 },
    ],
    titles: ['{company} Onboarding Session', 'Kickoff: {company} x {seller}', '{company} implementation check-in'],
    outcomes: [],
  },
  {
    kind: 'qbr', weight: 8, conference: true, direction: 'Conference', minutes: [40, 60], hosts: ['csm'], extras: ['cs-manager', 'ae'], extraChance: 0.35,
    externals: [2, 4],
    phases: [
      { phase: 'greeting', share: 0.05 }, { phase: 'agenda', share: 0.04 }, { phase: 'review', share: 0.42 },
      { phase: 'demo', share: 0.12 }, { phase: 'renewal', share: 0.12 }, { phase: 'next-steps', share: 0.19 }, { phase: 'wrap', share: 0.06 },
    ],
    titles: ['{company} Quarterly Business Review', 'QBR | {company}'],
    outcomes: [],
  },
  {
    kind: 'renewal', weight: 6, conference: true, direction: 'Conference', minutes: [25, 40], hosts: ['csm'], extras: ['ae'], extraChance: 0.5,
    externals: [1, 2],
    phases: [
      { phase: 'greeting', share: 0.06 }, { phase: 'review', share: 0.2 }, { phase: 'renewal', share: 0.35 },
      { phase: 'pricing', share: 0.2 }, { phase: 'next-steps', share: 0.13 }, { phase: 'wrap', share: 0.06 },
    ],
    titles: ['{company} Renewal Discussion', 'Renewal planning - {company}'],
    outcomes: [],
  },
  {
    kind: 'internal', weight: 6, conference: true, direction: 'Conference', minutes: [20, 45], hosts: ['sales-manager', 'cs-manager', 'vp-sales'], extras: ['ae', 'csm'], extraChance: 0.9,
    externals: [0, 0],
    phases: [{ phase: 'greeting', share: 0.06 }, { phase: 'pipeline', share: 0.8 }, { phase: 'next-steps', share: 0.14 }],
    titles: ['Weekly Pipeline Review', 'Forecast Call', 'Deal Review: {company}'],
    outcomes: [],
  },
];

export const STRUCTURE_BY_PHASE: Record<string, string> = {
  greeting: 'Introduction', agenda: 'Agenda', discovery: 'Discovery', 'current-process': 'Discovery', demo: 'Demo',
  technical: 'Technical Review', security: 'Technical Review', pricing: 'Pricing', negotiation: 'Pricing',
  competition: 'Discovery', timeline: 'Discovery', onboarding: 'Implementation Plan', review: 'Business Review',
  renewal: 'Renewal', 'next-steps': 'Next Steps', pitch: 'Pitch', objection: 'Objection Handling', voicemail: 'Voicemail',
  pipeline: 'Pipeline Review', wrap: 'Wrap-up',
};
