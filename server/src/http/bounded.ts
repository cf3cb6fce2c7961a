/**
 * Request values echoed back in messages and `details` are bounded: a 10 kB name or a value nested 10 000 levels
 * deep must neither bloat an error nor overflow the stack while it is serialised.
 */
const MAX_TEXT = 120;
const MAX_DEPTH = 6;
const MAX_ITEMS = 100;
const MAX_DETAIL_TEXT = 4000;

/** A value quoted for a message: JSON, cut to ~120 characters; objects and lists only by kind. */
export function shown(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value !== null && typeof value === 'object') return 'an object';
  const text = typeof value === 'string' ? value : String(value);
  const cut = text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text;
  return typeof value === 'string' ? JSON.stringify(cut) : cut;
}

/** A copy of `details` within fixed depth, breadth and string length (never recursing past MAX_DEPTH). */
export function bounded(value: unknown, depth = 0): unknown {
  if (typeof value === 'string')
    return value.length > MAX_DETAIL_TEXT ? `${value.slice(0, MAX_DETAIL_TEXT)}… (${value.length} characters)` : value;
  if (value === null || typeof value !== 'object') return typeof value === 'bigint' ? String(value) : value;
  if (depth >= MAX_DEPTH) return Array.isArray(value) ? '[…]' : '{…}';
  if (Array.isArray(value)) {
    const items = value.slice(0, MAX_ITEMS).map((item) => bounded(item, depth + 1));
    if (value.length > MAX_ITEMS) items.push(`… ${value.length - MAX_ITEMS} more`);
    return items;
  }
  // No prototype: a "__proto__" key from the request stays a plain key.
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  const entries = Object.entries(value);
  for (const [key, item] of entries.slice(0, MAX_ITEMS))
    out[key.length > MAX_TEXT ? `${key.slice(0, MAX_TEXT)}…` : key] = bounded(item, depth + 1);
  if (entries.length > MAX_ITEMS) out['…'] = `${entries.length - MAX_ITEMS} more keys`;
  return out;
}
