/**
 * Names of the sampled series. A key is `<kind>:<part>/<part>`, each part URI-encoded, so a group id or table name
 * can never make two keys collide. Charted kinds are streamed to the browser; the others stay on the server for the
 * problem rules.
 */
export const CHARTED_KINDS = ['topic-rate', 'group-lag', 'table-rows-rate', 'table-parts', 'dlq-messages'] as const;
export const RAW_KINDS = ['topic-end', 'group-committed', 'table-rows'] as const;
export type SeriesKind = (typeof CHARTED_KINDS)[number] | (typeof RAW_KINDS)[number];

export function seriesKey(kind: SeriesKind, ...parts: string[]): string {
  return `${kind}:${parts.map(encodeURIComponent).join('/')}`;
}

const charted = new Set<string>(CHARTED_KINDS);
export function isCharted(key: string): boolean {
  return charted.has(key.slice(0, key.indexOf(':')));
}

export const keys = {
  topicRate: (topic: string) => seriesKey('topic-rate', topic),
  topicEnd: (topic: string) => seriesKey('topic-end', topic),
  groupLag: (group: string, topic: string) => seriesKey('group-lag', group, topic),
  groupCommitted: (group: string, topic: string) => seriesKey('group-committed', group, topic),
  tableRows: (database: string, table: string) => seriesKey('table-rows', database, table),
  tableRowsRate: (database: string, table: string) => seriesKey('table-rows-rate', database, table),
  tableParts: (database: string, table: string) => seriesKey('table-parts', database, table),
  dlqMessages: (topic: string) => seriesKey('dlq-messages', topic),
};
