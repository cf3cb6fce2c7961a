/** Parses a Compose-style `.env` file: KEY=VALUE lines, `#` comments, optional quotes, `export ` prefix. */
export function parseEnvFile(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(line);
    if (!match) continue;
    const [, key, rest] = match as unknown as [string, string, string];
    env[key] = unquote(rest);
  }
  return env;
}

function unquote(value: string): string {
  const quote = value[0];
  if ((quote === '"' || quote === "'") && value.length >= 2) {
    const end = value.indexOf(quote, 1);
    if (end > 0) {
      const inner = value.slice(1, end);
      return quote === '"' ? inner.replace(/\\n/g, '\n').replace(/\\(["\\])/g, '$1') : inner;
    }
  }
  // An unquoted value ends at an inline comment introduced by whitespace + '#'.
  const comment = /\s+#/.exec(value);
  return (comment ? value.slice(0, comment.index) : value).trim();
}
