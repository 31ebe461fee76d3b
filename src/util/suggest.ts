// "Did you mean" suggestions for unknown tools, inputs and options.

function distance(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/** Up to `max` known names closest to `name`: near edits first, then names sharing its words. */
export function closestNames(name: string, known: readonly string[], max = 3): string[] {
  const lower = name.toLowerCase();
  const words = lower.split(/[_\-.\s]+/).filter((w) => w.length > 2);
  const scored = known.map((candidate) => {
    const c = candidate.toLowerCase();
    let score = distance(lower, c);
    const shared = words.filter((w) => c.includes(w)).length;
    score -= shared * 3;
    if (c.includes(lower) || lower.includes(c)) score -= 4;
    return { candidate, score };
  });
  const limit = Math.max(3, Math.floor(lower.length / 2));
  return scored
    .filter((s) => s.score <= limit)
    .sort((a, b) => a.score - b.score || a.candidate.localeCompare(b.candidate))
    .slice(0, max)
    .map((s) => s.candidate);
}
