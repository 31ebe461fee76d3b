// Offsets into a call: Gong counts milliseconds from the start; agents read and write hh:mm:ss.

const p2 = (n: number) => String(n).padStart(2, '0');

/** 754_300 → "00:12:34" (whole seconds, rounded down, so a line never appears to start late). */
export function formatOffset(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  return `${p2(Math.floor(s / 3600))}:${p2(Math.floor(s / 60) % 60)}:${p2(s % 60)}`;
}

export const OFFSET_PATTERN = '^\\d{1,6}(:[0-5]?\\d){0,2}$';

/** "00:12:34", "12:34" (m:ss), "754" (seconds) or 754 → milliseconds. */
export function parseOffset(value: string | number): number {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) throw new RangeError(`offset ${value} must be a non-negative number of seconds`);
    return Math.round(value * 1000);
  }
  if (!new RegExp(OFFSET_PATTERN).test(value.trim())) {
    throw new RangeError(`offset '${value}' must be hh:mm:ss, mm:ss or a number of seconds`);
  }
  const parts = value.trim().split(':').map(Number);
  let seconds = 0;
  for (const part of parts) seconds = seconds * 60 + part;
  return seconds * 1000;
}
