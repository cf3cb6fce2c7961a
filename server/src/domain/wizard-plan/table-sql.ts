/**
 * The table step's SQL, possibly edited by the user. It must stay one CREATE TABLE of the chosen
 * `database`.`table` with a MergeTree-family engine; only that validated head is ever replaced (to run the
 * statement in a scratch database, or to write it with IF NOT EXISTS), never anything the user typed after it.
 */
import { splitStatements } from '../sql-statements.ts';
import { quoteIdentifier, validateIdentifier } from '../names.ts';

export interface TableSqlTarget {
  database: string;
  table: string;
}

export type TableSqlResult = { ok: true; statement: string; body: string } | { ok: false; reason: string };

const HEAD = /^CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?/i;
const ENGINE = /\bENGINE\s*=\s*(MergeTree|ReplacingMergeTree)\b/;

/** `db` or `` `db` `` (the names are validated identifiers, so both spellings are unambiguous). */
function identifierAt(text: string, name: string): number {
  if (text.startsWith(`\`${name}\``)) return name.length + 2;
  if (text.startsWith(name) && !/[A-Za-z0-9_]/.test(text[name.length] ?? '')) return name.length;
  return -1;
}

/** Checks the statement and returns what follows `CREATE TABLE db.table` (the column list onwards). */
export function parseTableSql(sql: string, target: TableSqlTarget): TableSqlResult {
  for (const [value, what] of [
    [target.database, 'database name'],
    [target.table, 'table name'],
  ] as const) {
    const check = validateIdentifier(value, what);
    if (!check.ok) return { ok: false, reason: check.reason };
  }
  const statements = splitStatements(sql);
  if (statements.length === 0) return { ok: false, reason: 'the SQL is empty: it must be one CREATE TABLE statement' };
  if (statements.length > 1)
    return { ok: false, reason: `the SQL holds ${statements.length} statements; the table step takes exactly one CREATE TABLE` };
  const statement = statements[0]!;
  const head = HEAD.exec(statement);
  if (!head) return { ok: false, reason: 'the statement must start with CREATE TABLE' };
  let rest = statement.slice(head[0].length);
  const expected = `${quoteIdentifier(target.database)}.${quoteIdentifier(target.table)}`;
  const db = identifierAt(rest, target.database);
  if (db < 0) return { ok: false, reason: `the statement must create ${expected} (the database and table chosen in this step)` };
  rest = rest.slice(db);
  const dot = /^\s*\.\s*/.exec(rest);
  if (!dot) return { ok: false, reason: `the statement must create ${expected} (database-qualified)` };
  rest = rest.slice(dot[0].length);
  const tbl = identifierAt(rest, target.table);
  if (tbl < 0) return { ok: false, reason: `the statement must create ${expected} (the database and table chosen in this step)` };
  const body = rest.slice(tbl).trimStart();
  if (!body.startsWith('('))
    return {
      ok: false,
      reason: 'CREATE TABLE must be followed by its column list in parentheses (CREATE TABLE … AS another table is not accepted)',
    };
  if (/\bAS\s+SELECT\b/i.test(body)) return { ok: false, reason: 'CREATE TABLE … AS SELECT is not accepted: the table must start empty' };
  if (!ENGINE.test(body)) return { ok: false, reason: 'the table needs ENGINE = MergeTree or ENGINE = ReplacingMergeTree' };
  return { ok: true, statement, body };
}

/** The statement with its head rewritten to create `database`.`table` in `intoDatabase`. */
export function retargetTableSql(
  sql: string,
  target: TableSqlTarget,
  intoDatabase: string,
  options: { ifNotExists?: boolean } = {},
): TableSqlResult {
  const parsed = parseTableSql(sql, target);
  if (!parsed.ok) return parsed;
  const into = validateIdentifier(intoDatabase, 'database name');
  if (!into.ok) return { ok: false, reason: into.reason };
  const head = `CREATE TABLE ${options.ifNotExists ? 'IF NOT EXISTS ' : ''}${quoteIdentifier(intoDatabase)}.${quoteIdentifier(target.table)}`;
  return { ok: true, statement: `${head}\n${parsed.body}`, body: parsed.body };
}

/** What sql/<NNN>_<table>.sql holds: safe to re-run (IF NOT EXISTS), like the repo's other sql/ files. */
export function tableSqlFile(
  sql: string,
  target: TableSqlTarget,
  origin: { topic: string; sqlFile: string; connectorFile: string; schemaFile: string },
): TableSqlResult {
  const statement = retargetTableSql(sql, target, target.database, { ifNotExists: true });
  if (!statement.ok) return statement;
  const text =
    `-- Target table for the \`${origin.topic}\` topic (connectors/${origin.connectorFile}, schema connectors/${origin.schemaFile}).\n` +
    `-- Written by the Pipeline Panel wizard; safe to re-run: \`clickhouse-client --multiquery < sql/${origin.sqlFile}\`.\n` +
    `CREATE DATABASE IF NOT EXISTS ${quoteIdentifier(target.database)};\n\n${statement.statement};\n`;
  return { ok: true, statement: text, body: statement.body };
}
