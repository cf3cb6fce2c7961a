/**
 * The page cursor of message browsing: the direction and, per partition, where the next page continues (forward:
 * the next offset to read; backward: the exclusive upper bound). Opaque to clients (base64url JSON), checked here.
 */
export type Direction = 'forward' | 'backward';

export interface BrowseCursor {
  direction: Direction;
  positions: Map<number, number>;
}

export function encodeCursor(cursor: BrowseCursor): string {
  const body = { d: cursor.direction === 'forward' ? 'f' : 'b', p: Object.fromEntries(cursor.positions) };
  return Buffer.from(JSON.stringify(body)).toString('base64url');
}

/** The cursor, or the reason it is not one of ours (then nothing is read). */
export function decodeCursor(text: string): { ok: true; cursor: BrowseCursor } | { ok: false; reason: string } {
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'it is not a cursor this panel handed out (not base64url JSON)' };
  }
  const { d, p } = (body ?? {}) as { d?: unknown; p?: unknown };
  if ((d !== 'f' && d !== 'b') || !p || typeof p !== 'object' || Array.isArray(p))
    return { ok: false, reason: 'it has no direction or no positions' };
  const positions = new Map<number, number>();
  for (const [key, value] of Object.entries(p)) {
    const partition = Number(key);
    if (!Number.isInteger(partition) || partition < 0 || typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0)
      return { ok: false, reason: `position ${JSON.stringify(key)} → ${JSON.stringify(value)} is not a partition and an offset` };
    positions.set(partition, value);
  }
  if (positions.size === 0) return { ok: false, reason: 'it names no partition' };
  return { ok: true, cursor: { direction: d === 'f' ? 'forward' : 'backward', positions } };
}
