import { AppError } from '../errors/app-error.ts';

/**
 * Compose variable interpolation: `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`,
 * `${VAR:?error}`, `${VAR?error}`, `${VAR:+alt}`, `${VAR+alt}` and `$$` for a literal `$`.
 * Defaults may themselves contain interpolations (as Compose allows).
 */
export function interpolate(text: string, env: Record<string, string | undefined>): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch !== '$') {
      out += ch;
      i++;
      continue;
    }
    const next = text[i + 1];
    if (next === '$') {
      out += '$';
      i += 2;
    } else if (next === '{') {
      const end = findClosingBrace(text, i + 2);
      if (end < 0) throw new AppError(400, 'COMPOSE_INVALID', `Unclosed "\${" in compose text near: ${text.slice(i, i + 30)}`);
      out += expandBraced(text.slice(i + 2, end), env);
      i = end + 1;
    } else {
      const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i + 1))?.[0];
      if (name) {
        out += env[name] ?? '';
        i += 1 + name.length;
      } else {
        out += '$';
        i++;
      }
    }
  }
  return out;
}

function findClosingBrace(text: string, from: number): number {
  let depth = 1;
  for (let j = from; j < text.length; j++) {
    if (text[j] === '$' && text[j + 1] === '{') {
      depth++;
      j++;
    } else if (text[j] === '}') {
      depth--;
      if (depth === 0) return j;
    }
  }
  return -1;
}

function expandBraced(body: string, env: Record<string, string | undefined>): string {
  const match = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([\s\S]*))?$/.exec(body);
  if (!match) throw new AppError(400, 'COMPOSE_INVALID', `Invalid interpolation "\${${body}}"`);
  const [, name, op, arg = ''] = match as unknown as [string, string, string | undefined, string | undefined];
  const value = env[name];
  const unset = value === undefined;
  const emptyOrUnset = unset || value === '';
  switch (op) {
    case undefined:
      return value ?? '';
    case ':-':
      return emptyOrUnset ? interpolate(arg, env) : value!;
    case '-':
      return unset ? interpolate(arg, env) : value;
    case ':?':
    case '?':
      if (op === ':?' ? emptyOrUnset : unset) {
        const why = interpolate(arg, env) || `variable is ${unset ? 'not set' : 'empty'}`;
        throw new AppError(400, 'COMPOSE_REQUIRED_VARIABLE', `Required variable ${name} is missing: ${why}`, { variable: name });
      }
      return value!;
    case ':+':
      return emptyOrUnset ? '' : interpolate(arg, env);
    case '+':
      return unset ? '' : interpolate(arg, env);
    default:
      return value ?? '';
  }
}
