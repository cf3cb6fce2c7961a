/**
 * The query box's first line of defence: one read statement, or a specific refusal before anything is sent. The
 * second line, the one that counts, is ClickHouse's own `readonly=1` setting on every query (services/sql-query.ts):
 * ClickHouse refuses every write, DDL, SET and settings change itself. This lexer knows ClickHouse's comments
 * (`--`, `#!` and `# ` line comments, block comments), string literals (`'…'` with `\` escapes and `''`), quoted identifiers (`"…"`, `` `…` ``)
 * and heredocs (`$tag$…$tag$`), so a `;` or keyword inside any of them is not mistaken for SQL (ClickHouse
 * src/Parsers/Lexer.cpp). Block comments are not nested here: when in doubt, more is refused, never less.
 */

export type ReadOnlyRefusal = 'QUERY_EMPTY' | 'QUERY_MULTI_STATEMENT' | 'QUERY_NOT_READ_ONLY' | 'QUERY_CLAUSE_REFUSED';

export type ReadOnlyCheck =
  | { ok: true; /** The statement without its trailing `;`. */ statement: string; keyword: string }
  | { ok: false; code: ReadOnlyRefusal; reason: string };

/** Statements that only read. EXPLAIN describes a statement without running it. */
export const READ_STATEMENTS = ['SELECT', 'WITH', 'SHOW', 'DESCRIBE', 'DESC', 'EXPLAIN', 'EXISTS'] as const;

interface Token {
  kind: 'word' | 'string' | 'quoted' | 'number' | 'punct';
  text: string;
  start: number;
  end: number;
}

/** Tokens outside comments; throws on an unterminated string, identifier, heredoc or comment. */
export function sqlTokens(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = sql.length;
  const closeQuoted = (quote: string, from: number): number => {
    let j = from + 1;
    while (j < n) {
      const c = sql[j]!;
      if (c === '\\') j += 2;
      else if (c === quote && sql[j + 1] === quote) j += 2;
      else if (c === quote) return j + 1;
      else j++;
    }
    throw new Error(`unterminated ${quote === "'" ? 'string literal' : 'quoted identifier'} starting at character ${from + 1}`);
  };
  while (i < n) {
    const c = sql[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '-' && sql[i + 1] === '-') {
      while (i < n && sql[i] !== '\n') i++;
    } else if (c === '#' && (sql[i + 1] === '!' || sql[i + 1] === ' ')) {
      while (i < n && sql[i] !== '\n') i++;
    } else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      if (end < 0) throw new Error(`unterminated comment starting at character ${i + 1}`);
      i = end + 2;
    } else if (c === "'" || c === '"' || c === '`') {
      const end = closeQuoted(c, i);
      tokens.push({ kind: c === "'" ? 'string' : 'quoted', text: sql.slice(i, end), start: i, end });
      i = end;
    } else if (c === '$' && /^\$[A-Za-z0-9_]*\$/.test(sql.slice(i))) {
      const tag = /^\$[A-Za-z0-9_]*\$/.exec(sql.slice(i))![0];
      const end = sql.indexOf(tag, i + tag.length);
      if (end < 0) throw new Error(`unterminated heredoc ${tag} starting at character ${i + 1}`);
      tokens.push({ kind: 'string', text: sql.slice(i, end + tag.length), start: i, end: end + tag.length });
      i = end + tag.length;
    } else if (/[A-Za-z_]/.test(c)) {
      let j = i + 1;
      while (j < n && /[A-Za-z0-9_$]/.test(sql[j]!)) j++;
      tokens.push({ kind: 'word', text: sql.slice(i, j), start: i, end: j });
      i = j;
    } else if (/[0-9]/.test(c)) {
      let j = i + 1;
      while (j < n && /[0-9A-Za-z_.]/.test(sql[j]!)) j++;
      tokens.push({ kind: 'number', text: sql.slice(i, j), start: i, end: j });
      i = j;
    } else {
      tokens.push({ kind: 'punct', text: c, start: i, end: i + 1 });
      i++;
    }
  }
  return tokens;
}

const isWord = (t: Token | undefined, word: string) => t?.kind === 'word' && t.text.toUpperCase() === word;
const isName = (t: Token | undefined) => t?.kind === 'word' || t?.kind === 'quoted';

/** Why a statement's keyword is refused, in words. */
function notReadReason(keyword: string): string {
  const what: Record<string, string> = {
    INSERT: 'writes rows',
    CREATE: 'creates an object',
    ALTER: 'changes a table',
    DROP: 'deletes an object',
    TRUNCATE: 'deletes every row',
    DELETE: 'deletes rows',
    UPDATE: 'changes rows',
    RENAME: 'renames objects',
    EXCHANGE: 'swaps tables',
    ATTACH: 'attaches an object',
    DETACH: 'detaches an object',
    OPTIMIZE: 'rewrites parts',
    SET: 'changes settings',
    USE: 'changes the session database',
    SYSTEM: 'runs a server command',
    KILL: 'stops queries or mutations',
    GRANT: 'changes privileges',
    REVOKE: 'changes privileges',
    BACKUP: 'writes a backup',
    RESTORE: 'restores a backup',
  };
  const does = what[keyword];
  return `${keyword} ${does ?? 'is not a read statement'}; the query box runs read-only statements only (${READ_STATEMENTS.join(', ')})`;
}

export function checkReadOnly(sql: string): ReadOnlyCheck {
  let tokens: Token[];
  try {
    tokens = sqlTokens(sql);
  } catch (error) {
    // ClickHouse would answer a syntax error; nothing is sent so a `;` hidden by the broken quote cannot slip through.
    return {
      ok: false,
      code: 'QUERY_MULTI_STATEMENT',
      reason: `${(error as Error).message}: the statement's end cannot be told apart, so nothing was sent`,
    };
  }
  const semicolon = tokens.findIndex((t) => t.kind === 'punct' && t.text === ';');
  if (semicolon >= 0 && tokens.slice(semicolon).some((t) => !(t.kind === 'punct' && t.text === ';')))
    return {
      ok: false,
      code: 'QUERY_MULTI_STATEMENT',
      reason: `more than one statement (a second one starts after the ";" at character ${tokens[semicolon]!.start + 1}); send one statement at a time`,
    };
  const body = semicolon >= 0 ? tokens.slice(0, semicolon) : tokens;
  const first = body.find((t) => !(t.kind === 'punct' && t.text === '('));
  if (!first) return { ok: false, code: 'QUERY_EMPTY', reason: 'the query is empty' };
  const keyword = first.text.toUpperCase();
  if (first.kind !== 'word' || !(READ_STATEMENTS as readonly string[]).includes(keyword))
    return { ok: false, code: 'QUERY_NOT_READ_ONLY', reason: notReadReason(first.kind === 'word' ? keyword : first.text) };

  for (const [i, t] of body.entries()) {
    const next = body[i + 1];
    if (isWord(t, 'INTO') && isWord(next, 'OUTFILE'))
      return { ok: false, code: 'QUERY_CLAUSE_REFUSED', reason: 'INTO OUTFILE writes a file; the query box only shows results' };
    const isShowSettings = keyword === 'SHOW' && (isWord(body[i - 1], 'SHOW') || isWord(body[i - 1], 'CHANGED'));
    if (isWord(t, 'SETTINGS') && !isShowSettings && isName(next) && body[i + 2]?.text === '=')
      return {
        ok: false,
        code: 'QUERY_CLAUSE_REFUSED',
        reason:
          'a SETTINGS clause changes settings for the query, which the box refuses: it runs with readonly=1 and its own limits (ClickHouse refuses settings changes under readonly=1, and `SETTINGS x = DEFAULT` would reset readonly itself)',
      };
    if (isWord(t, 'FORMAT') && isName(next) && i + 2 === body.length)
      return {
        ok: false,
        code: 'QUERY_CLAUSE_REFUSED',
        reason: `a FORMAT clause (FORMAT ${next!.text}): the box asks for JSON itself; remove it`,
      };
  }
  const end = semicolon >= 0 ? tokens[semicolon]!.start : sql.length;
  return { ok: true, statement: sql.slice(0, end).trim(), keyword };
}
