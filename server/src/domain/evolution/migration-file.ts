/**
 * The migration an evolution writes: sql/NNN_<table>_<change>.sql with its idempotent statements, so the repo
 * describes the table as it now is (a fresh ClickHouse volume runs sql/*.sql in order: the CREATE, then this).
 * A file already holding exactly these statements is found again (applying twice writes nothing new); otherwise
 * the number is the next after the highest NNN_ prefix in sql/.
 */
const NUMBERED = /^(\d{3,})_.+\.sql$/;

export function migrationFile(
  target: { database: string; table: string; subject: string; sqlFiles: { name: string; content: string }[] },
  added: { field: string; statement: string }[],
  notes: string[],
): { file: string; content: string } {
  const statements = added.map((a) => a.statement);
  const content = [
    `-- Schema evolution of ${target.database}.${target.table} for subject ${target.subject}, planned by the panel.`,
    '-- Idempotent (IF NOT EXISTS): safe to apply again at any time; columns are never dropped.',
    ...notes.map((n) => `--   ${n}`),
    ...statements.map((s) => `${s};`),
    '',
  ].join('\n');
  const same = target.sqlFiles.find((f) => f.content === content);
  if (same) return { file: same.name, content };
  const highest = Math.max(
    0,
    ...target.sqlFiles
      .map((f) => NUMBERED.exec(f.name))
      .filter((m) => m !== null)
      .map((m) => Number(m[1])),
  );
  return { file: `${String(highest + 1).padStart(3, '0')}_${target.table}_${changeName(added.map((a) => a.field))}.sql`, content };
}

/** `add_coupon`, `add_coupon_priority`, or `add_5_columns` — file-name safe (fields are plain identifiers). */
function changeName(added: string[]): string {
  const joined = `add_${added.join('_')}`;
  return added.length <= 3 && joined.length <= 60 ? joined : `add_${added.length}_columns`;
}
