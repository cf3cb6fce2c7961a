/** The query box's recent queries, kept in this browser (localStorage), newest first, bounded. */
export const RECENT_QUERIES_KEY = 'pipeline-panel.recent-queries';
export const MAX_RECENT_QUERIES = 20;
/** Longer statements are not kept (they would crowd the list and the storage quota). */
export const MAX_RECENT_QUERY_LENGTH = 8 * 1024;

/** The list with `sql` first (moved up when it was there), trimmed to the bound. */
export function remember(list: readonly string[], sql: string): string[] {
  const text = sql.trim();
  if (text === '' || text.length > MAX_RECENT_QUERY_LENGTH) return [...list];
  return [text, ...list.filter((q) => q !== text)].slice(0, MAX_RECENT_QUERIES);
}

/** What was stored, or nothing when the entry is missing or not a list of strings (never throws). */
export function parseRecent(raw: string | null): string[] {
  if (!raw) return [];
  try {
    const value: unknown = JSON.parse(raw);
    return Array.isArray(value) ? value.filter((q): q is string => typeof q === 'string').slice(0, MAX_RECENT_QUERIES) : [];
  } catch {
    return [];
  }
}

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export function loadRecent(): string[] {
  return parseRecent(storage()?.getItem(RECENT_QUERIES_KEY) ?? null);
}

export function saveRecent(list: string[]): void {
  try {
    storage()?.setItem(RECENT_QUERIES_KEY, JSON.stringify(list));
  } catch {
    // Storage full or refused (private mode): the list lives for this page only.
  }
}

/** One line for the list: whitespace folded, cut with an ellipsis. */
export function queryLabel(sql: string, max = 90): string {
  const line = sql.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** "1,204 rows · read 3.1 M rows, 25.3 MiB · 42 ms". */
export function statisticsLine(rows: number, stats: { rowsRead: number; bytesRead: number; elapsedMs: number }): string {
  return `${rows.toLocaleString('en-US')} row${rows === 1 ? '' : 's'} · read ${compact(stats.rowsRead)} row${stats.rowsRead === 1 ? '' : 's'}, ${bytes(stats.bytesRead)} · ${
    stats.elapsedMs < 1000 ? `${Math.round(stats.elapsedMs)} ms` : `${(stats.elapsedMs / 1000).toFixed(2)} s`
  }`;
}

function compact(n: number): string {
  if (n < 10_000) return n.toLocaleString('en-US');
  if (n < 1_000_000) return `${(n / 1000).toFixed(1)} k`;
  if (n < 1_000_000_000) return `${(n / 1_000_000).toFixed(1)} M`;
  return `${(n / 1_000_000_000).toFixed(1)} G`;
}

function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = n / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}
