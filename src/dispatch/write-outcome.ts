// What a failed write tool call did in Gong, stated on its error: a batched write's items by the
// outcome of the request that carried them (applied, not applied, uncertain), and for an
// uncertain outcome which tool, with which input, shows whether it was applied (write-check.ts).
// The pipeline decides each request's outcome (src/pipeline/failures.ts); this adds what only the
// tool call knows: its input and its batches.
import type { ToolEntry } from '../catalog/types.js';
import { GongError } from '../http/errors.js';
import { checkFor } from './write-check.js';

type Json = Record<string, unknown>;

const flat = (chunks: unknown[][]): unknown[] => chunks.flat();

/**
 * A batched write failed at request `failed` (batches from `first` were this call's): the earlier
 * requests were applied, the failed one's items are uncertain or not applied as its error says,
 * the later ones were never sent.
 */
export function stateBatches(error: unknown, tool: ToolEntry, input: Readonly<Json>, name: string, batches: unknown[][], first: number, failed: number): void {
  if (!(error instanceof GongError)) return;
  const failing = batches[failed] ?? [];
  const uncertain = error.outcome === 'uncertain' ? failing : [];
  const applied = flat(batches.slice(first, failed));
  const notApplied = flat(error.outcome === 'uncertain' ? batches.slice(failed + 1) : batches.slice(failed));
  const total = applied.length + uncertain.length + notApplied.length;
  error.batches = { input: name, applied, not_applied: notApplied, uncertain };
  error.outcome = uncertain.length > 0 ? 'uncertain' : applied.length > 0 ? 'partly_applied' : 'not_applied';
  if (uncertain.length > 0) error.check = checkFor(tool, { ...input, [name]: failing });
  const sentence = (text: string) => `${text[0]!.toUpperCase()}${text.slice(1)}`;
  const parts: string[] = [];
  if (applied.length > 0) {
    parts.push(`Partial success: ${failed - first} of ${batches.length - first} requests succeeded before this failure, so the first ${applied.length} of ${total} ${name} were applied in Gong (batches.applied: do not send them again);`);
  }
  if (uncertain.length > 0) {
    parts.push(`${applied.length > 0 ? 'the next' : `the first request's`} ${uncertain.length} may have been applied (batches.uncertain: check before sending them again);`);
  }
  if (parts.length === 0) parts.push(`none of the ${total} ${name} were applied (batches.not_applied: safe to send again).`);
  else parts.push(`the remaining ${notApplied.length} were not (batches.not_applied: safe to send again).`);
  const done = sentence(parts.join(' '));
  error.hint = error.hint ? `${done} ${error.hint}` : done;
}

/**
 * A failed write tool call's error: an uncertain outcome gets its `check` (unless a batch or a
 * handler set a narrower one) and a hint that says how to use it.
 */
export function explainWriteFailure(tool: ToolEntry, input: Readonly<Json>, error: unknown): unknown {
  if (!(error instanceof GongError) || error.outcome !== 'uncertain' || tool.annotations.readOnlyHint) return error;
  const check = (error.check ??= checkFor(tool, input));
  const how = !check.tool
    ? check.look_for
    : `To find out, call ${check.tool}${check.input ? ' with check.input' : ''} and look for ${check.look_for}`;
  // A replay-safe write's hint already says a resend is safe (its idempotency key).
  const replaySafe = tool.routes.some((route) => route.replaySafe);
  const again = tool.annotations.idempotentHint && !replaySafe ? ` ${tool.name} is idempotent: sending the same input again has no further effect.` : '';
  error.hint = `${error.hint ? `${error.hint} ` : ''}${how}${again}`;
  return error;
}
