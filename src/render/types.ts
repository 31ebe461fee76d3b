// The parts of Gong's call data the renderers read (docs/gong-api.md#calls). Gong may add fields;
// only these are relied on.

export interface Sentence {
  start: number;
  end?: number;
  text: string;
}

export interface Monologue {
  speakerId: string;
  topic?: string | null;
  sentences: Sentence[];
}

export interface CallTranscript {
  callId: string;
  transcript: Monologue[];
}

export interface Party {
  id?: string;
  name?: string;
  emailAddress?: string;
  title?: string;
  userId?: string;
  speakerId?: string;
  affiliation?: string;
}

/** What the renderers need about a call: metadata and parties (from POST /v2/calls/extensive). */
export interface CallInfo {
  id: string;
  title?: string;
  url?: string;
  started?: string;
  /** Seconds. */
  duration?: number;
  parties: Party[];
}
