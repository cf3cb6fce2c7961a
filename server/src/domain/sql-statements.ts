/**
 * Splitting a .sql file into statements for ClickHouse's HTTP interface, which runs one statement per request.
 * Semicolons inside quotes, backtick/double-quoted identifiers and comments do not end a statement.
 */
export function splitStatements(sql: string): string[] {
  const statements: string[] = [];
  let current = '';
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    const next = sql[i + 1];
    if ((c === '-' && next === '-') || (c === '#' && (next === ' ' || next === '!'))) {
      const end = sql.indexOf('\n', i);
      i = end < 0 ? sql.length : end + 1;
      current += '\n';
      continue;
    }
    if (c === '/' && next === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? sql.length : end + 2;
      current += ' ';
      continue;
    }
    if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      while (j < sql.length) {
        if (sql[j] === '\\') j += 2;
        else if (sql[j] === c && sql[j + 1] === c) j += 2;
        else if (sql[j] === c) break;
        else j += 1;
      }
      current += sql.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (c === ';') {
      if (current.trim() !== '') statements.push(current.trim());
      current = '';
      i += 1;
      continue;
    }
    current += c;
    i += 1;
  }
  if (current.trim() !== '') statements.push(current.trim());
  return statements;
}

export interface CreatedObject {
  kind: 'table' | 'database';
  /** null when the table name is not qualified: it goes to the connection's database. */
  database: string | null;
  name: string;
}

const IDENT = String.raw`(?:\x60(?:[^\x60\\]|\\.)+\x60|"(?:[^"\\]|\\.)+"|[A-Za-z_][A-Za-z0-9_$]*)`;
const CREATE_TABLE = new RegExp(
  String.raw`^CREATE\s+(?:OR\s+REPLACE\s+)?(?:TEMPORARY\s+)?(?:TABLE|(?:MATERIALIZED\s+|LIVE\s+|WINDOW\s+)?VIEW|DICTIONARY)\s+(?:IF\s+NOT\s+EXISTS\s+)?(${IDENT})(?:\s*\.\s*(${IDENT}))?`,
  'i',
);
const CREATE_DATABASE = new RegExp(String.raw`^CREATE\s+DATABASE\s+(?:IF\s+NOT\s+EXISTS\s+)?(${IDENT})`, 'i');

function unquote(identifier: string): string {
  const q = identifier[0];
  if (q === '`' || q === '"') return identifier.slice(1, -1).replace(/\\(.)/g, '$1');
  return identifier;
}

/** What a CREATE statement creates, or null for any other statement. */
export function createdObject(statement: string): CreatedObject | null {
  const table = CREATE_TABLE.exec(statement);
  if (table) {
    return table[2] === undefined
      ? { kind: 'table', database: null, name: unquote(table[1]!) }
      : { kind: 'table', database: unquote(table[1]!), name: unquote(table[2]) };
  }
  const database = CREATE_DATABASE.exec(statement);
  if (database) return { kind: 'database', database: null, name: unquote(database[1]!) };
  return null;
}
