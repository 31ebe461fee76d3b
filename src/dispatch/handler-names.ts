// Names of the code handlers a manifest entry may use (kept apart from the handlers themselves so
// the generator can check names without loading them).
export const HANDLER_NAMES: readonly string[] = ['api_request', 'flow_content_override', 'transcript_text', 'calls_search', 'dates_resolve'];
