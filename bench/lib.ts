// Shared pieces of the benchmarks: statistics, the figure record and the results table.
import { performance } from 'node:perf_hooks';

export interface Figure {
  /** Stable id, e.g. `overhead.ratio`. */
  id: string;
  /** What is measured, for the table. */
  label: string;
  value: number | null;
  unit: string;
  /** The goal as text, e.g. `≤ 1.10`. */
  goal: string;
  /** true/false against the goal; null for a figure reported without a goal. */
  met: boolean | null;
  /** Raw numbers behind the figure. */
  detail?: Record<string, unknown>;
  note?: string;
}

export interface Section {
  name: string;
  figures: Figure[];
  /** Why the section could not run, if it could not. */
  skipped?: string;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function quantile(values: readonly number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  return s[Math.min(s.length - 1, Math.max(0, Math.round(q * (s.length - 1))))]!;
}

export const now = (): number => performance.now();

export function round(n: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

export const atMost = (limit: number) => (v: number) => v <= limit;
export const atLeast = (limit: number) => (v: number) => v >= limit;

export function figure(init: Omit<Figure, "met"> & { check?: ((v: number) => boolean) | undefined }): Figure {
  const { check, ...rest } = init;
  const met = check && rest.value !== null && Number.isFinite(rest.value) ? check(rest.value) : null;
  return { ...rest, met };
}

export function formatTable(sections: readonly Section[]): string {
  const rows: string[][] = [['figure', 'value', 'goal', 'met']];
  for (const section of sections) {
    if (section.skipped) rows.push([`${section.name}: not run`, section.skipped, '', '—']);
    for (const f of section.figures) {
      const value = f.value === null ? 'n/a' : `${f.value}${f.unit ? ` ${f.unit}` : ''}`;
      rows.push([f.label, value, f.goal, f.met === null ? '—' : f.met ? 'met' : 'MISSED']);
    }
  }
  const widths = rows[0]!.map((_, i) => Math.min(70, Math.max(...rows.map((r) => r[i]!.length))));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}
