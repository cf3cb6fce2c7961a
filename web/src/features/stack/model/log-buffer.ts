import type { LogLine } from '@pipeline-panel/server/contracts';

export interface NumberedLine extends LogLine {
  seq: number;
}

/** Appends lines and keeps only the newest `max`, so a chatty service cannot grow the page without bound. */
export function appendBounded(current: NumberedLine[], incoming: LogLine[], max: number, nextSeq: number): NumberedLine[] {
  if (incoming.length === 0) return current;
  const numbered = incoming.map((line, i) => ({ ...line, seq: nextSeq + i }));
  const merged = current.concat(numbered);
  return merged.length > max ? merged.slice(merged.length - max) : merged;
}
