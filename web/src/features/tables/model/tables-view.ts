import type { ApplySqlResult, SqlFile, StatementReport, TableInfo } from '@pipeline-panel/server/contracts';

export interface DatabaseGroup {
  database: string;
  tables: TableInfo[];
}

/** Tables grouped by database (databases in name order, empty ones kept so the user sees they exist). */
export function groupByDatabase(tables: TableInfo[], databases: string[]): DatabaseGroup[] {
  const names = [...new Set([...databases, ...tables.map((t) => t.database)])].sort((a, b) => a.localeCompare(b));
  return names.map((database) => ({
    database,
    tables: tables.filter((t) => t.database === database).sort((a, b) => a.name.localeCompare(b.name)),
  }));
}

export const tableId = (t: { database: string; name: string }) => `${t.database}.${t.name}`;

const MAX_CELL = 160;

/** A preview cell as text: NULL for null, JSON for nested values, long strings cut with an ellipsis. */
export function formatCell(value: unknown): { text: string; full: string; isNull: boolean } {
  if (value === null || value === undefined) return { text: 'NULL', full: 'NULL', isNull: true };
  const full = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  const text = full.length > MAX_CELL ? `${full.slice(0, MAX_CELL - 1)}…` : full;
  return { text, full, isNull: false };
}

export type SqlFileStatus = { tone: 'ok' | 'warn' | 'idle' | 'bad'; label: string };

/** Whether the tables a file declares exist: all, some or none. */
export function sqlFileStatus(file: SqlFile): SqlFileStatus {
  if (file.error) return { tone: 'bad', label: 'unreadable' };
  if (file.tables.length === 0) return { tone: 'idle', label: 'declares no tables' };
  const existing = file.tables.filter((t) => t.exists).length;
  if (existing === file.tables.length) return { tone: 'ok', label: 'all tables exist' };
  if (existing === 0) return { tone: 'idle', label: 'not applied' };
  return { tone: 'warn', label: `${existing} of ${file.tables.length} tables exist` };
}

/** What applying a file did, in one sentence. */
export function describeApply(result: ApplySqlResult): string {
  const parts: string[] = [`Ran ${result.statements} ${result.statements === 1 ? 'statement' : 'statements'} from ${result.file}.`];
  if (result.created.length > 0) parts.push(`Created ${result.created.join(', ')}.`);
  if (result.existing.length > 0) parts.push(`Already there (unchanged): ${result.existing.join(', ')}.`);
  if (result.created.length === 0 && result.existing.length === 0) parts.push('It declares no tables.');
  return parts.join(' ');
}

const OUTCOME_LABEL: Record<StatementReport['outcome'], string> = {
  applied: 'applied',
  failed: 'failed',
  unknown: 'unknown — may still complete',
  'not-attempted': 'not attempted',
};

/** A failed or timed-out apply's per-statement report (error details), as rows to list; null when there is none. */
export function applyReport(
  details: unknown,
): { index: number; summary: string; label: string; tone: 'ok' | 'bad' | 'warn' | 'idle'; message?: string }[] | null {
  const report = (details as { report?: unknown } | undefined)?.report;
  if (!Array.isArray(report)) return null;
  const tone = { applied: 'ok', failed: 'bad', unknown: 'warn', 'not-attempted': 'idle' } as const;
  return (report as StatementReport[]).map((r) => ({
    index: r.index,
    summary: r.summary,
    label: OUTCOME_LABEL[r.outcome] ?? r.outcome,
    tone: tone[r.outcome] ?? 'idle',
    message: r.message,
  }));
}
