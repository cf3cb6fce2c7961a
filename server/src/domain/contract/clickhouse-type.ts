/**
 * Parses ClickHouse type strings as DESCRIBE TABLE / system.columns print them into a tree.
 * Unknown types are kept as `Other` so a check can name them instead of failing to parse.
 */

export type IntBits = 8 | 16 | 32 | 64 | 128 | 256;

export type ChType =
  | { kind: 'Nullable'; inner: ChType }
  | { kind: 'LowCardinality'; inner: ChType }
  | { kind: 'Array'; element: ChType }
  | { kind: 'Map'; key: ChType; value: ChType }
  | { kind: 'Tuple'; elements: { name?: string; type: ChType }[] }
  | { kind: 'Nested'; fields: { name: string; type: ChType }[] }
  | { kind: 'Variant'; variants: ChType[] }
  | { kind: 'Decimal'; precision: number; scale: number }
  | { kind: 'Int'; signed: boolean; bits: IntBits }
  | { kind: 'Float'; bits: 32 | 64 }
  | { kind: 'Bool' }
  | { kind: 'String' }
  | { kind: 'FixedString'; length: number }
  | { kind: 'UUID' }
  | { kind: 'Date' }
  | { kind: 'Date32' }
  | { kind: 'DateTime'; timezone?: string }
  | { kind: 'DateTime64'; precision: number; timezone?: string }
  | { kind: 'Enum'; bits: 8 | 16; values: { name: string; value: number }[] }
  | { kind: 'JSON'; params: string }
  | { kind: 'Object'; schema: string }
  | { kind: 'Other'; name: string; raw: string };

export class ClickHouseTypeParseError extends Error {
  constructor(
    readonly input: string,
    readonly position: number,
    detail: string,
  ) {
    super(`Cannot parse ClickHouse type "${input}" at position ${position}: ${detail}`);
    this.name = 'ClickHouseTypeParseError';
  }
}

type Token =
  | { t: 'ident'; v: string; pos: number; quoted: boolean }
  | { t: 'string'; v: string; pos: number }
  | { t: 'number'; v: number; pos: number }
  | { t: 'punct'; v: '(' | ')' | ',' | '='; pos: number };

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const fail = (detail: string): never => {
    throw new ClickHouseTypeParseError(input, i, detail);
  };
  while (i < input.length) {
    const c = input[i] as string;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(' || c === ')' || c === ',' || c === '=') {
      tokens.push({ t: 'punct', v: c, pos: i });
      i++;
    } else if (c === "'" || c === '`' || c === '"') {
      const start = i;
      let value = '';
      i++;
      for (;;) {
        if (i >= input.length) fail(`unterminated ${c}-quoted string`);
        const d = input[i] as string;
        if (d === '\\') {
          const next = input[i + 1];
          if (next === undefined) fail('dangling backslash');
          value += unescape(next as string);
          i += 2;
        } else if (d === c) {
          if (input[i + 1] === c) {
            value += c;
            i += 2;
          } else {
            i++;
            break;
          }
        } else {
          value += d;
          i++;
        }
      }
      if (c === "'") tokens.push({ t: 'string', v: value, pos: start });
      else tokens.push({ t: 'ident', v: value, pos: start, quoted: true });
    } else if (/[-+0-9]/.test(c)) {
      const m = /^[-+]?\d+/.exec(input.slice(i));
      if (!m) fail(`unexpected "${c}"`);
      tokens.push({ t: 'number', v: Number(m![0]), pos: i });
      i += m![0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(input.slice(i)) as RegExpExecArray;
      tokens.push({ t: 'ident', v: m[0], pos: i, quoted: false });
      i += m[0].length;
    } else {
      fail(`unexpected "${c}"`);
    }
  }
  return tokens;
}

function unescape(ch: string): string {
  switch (ch) {
    case 'n':
      return '\n';
    case 't':
      return '\t';
    case 'r':
      return '\r';
    case '0':
      return '\0';
    default:
      return ch;
  }
}

/** Types whose parameters are free-form settings; we keep their text instead of parsing it. */
const RAW_PARAM_TYPES = new Set(['JSON', 'Object', 'AggregateFunction', 'SimpleAggregateFunction', 'Dynamic']);

class Parser {
  private i = 0;
  constructor(
    private readonly input: string,
    private readonly tokens: Token[],
  ) {}

  parseAll(): ChType {
    const type = this.parseType();
    if (this.i < this.tokens.length) this.fail('unexpected trailing input');
    return type;
  }

  private peek(offset = 0): Token | undefined {
    return this.tokens[this.i + offset];
  }

  private fail(detail: string): never {
    const tok = this.peek();
    throw new ClickHouseTypeParseError(this.input, tok ? tok.pos : this.input.length, detail);
  }

  private expectPunct(v: '(' | ')' | ',' | '='): void {
    const tok = this.peek();
    if (!tok || tok.t !== 'punct' || tok.v !== v) this.fail(`expected "${v}"`);
    this.i++;
  }

  private isPunct(v: string, offset = 0): boolean {
    const tok = this.peek(offset);
    return tok !== undefined && tok.t === 'punct' && tok.v === v;
  }

  /** Text between the parentheses after a type name, consumed with balanced nesting. */
  private rawParams(): string {
    if (!this.isPunct('(')) return '';
    const open = this.peek() as Token;
    let depth = 0;
    let endPos: number;
    do {
      const tok = this.peek();
      if (!tok) this.fail('unbalanced parentheses');
      if (tok!.t === 'punct' && tok!.v === '(') depth++;
      if (tok!.t === 'punct' && tok!.v === ')') depth--;
      endPos = tok!.pos;
      this.i++;
    } while (depth > 0);
    return this.input.slice(open.pos + 1, endPos).trim();
  }

  private parseType(): ChType {
    const tok = this.peek();
    if (!tok || tok.t !== 'ident') this.fail('expected a type name');
    const name = (tok as Extract<Token, { t: 'ident' }>).v;
    this.i++;
    if (RAW_PARAM_TYPES.has(name)) {
      const params = this.rawParams();
      if (name === 'JSON') return { kind: 'JSON', params };
      if (name === 'Object') return { kind: 'Object', schema: params.replace(/^'(.*)'$/, '$1') };
      return { kind: 'Other', name, raw: params ? `${name}(${params})` : name };
    }
    const args = this.isPunct('(') ? this.parseArgs() : undefined;
    return this.build(name, args);
  }

  private parseArgs(): Arg[] {
    this.expectPunct('(');
    const args: Arg[] = [];
    if (this.isPunct(')')) {
      this.i++;
      return args;
    }
    for (;;) {
      args.push(this.parseArg());
      if (this.isPunct(',')) {
        this.i++;
        continue;
      }
      this.expectPunct(')');
      return args;
    }
  }

  private parseArg(): Arg {
    const tok = this.peek();
    if (!tok) this.fail('unexpected end of input');
    if (tok!.t === 'string') {
      this.i++;
      if (this.isPunct('=')) {
        this.i++;
        const num = this.peek();
        if (!num || num.t !== 'number') this.fail('expected an enum value number');
        this.i++;
        return { a: 'enumItem', name: tok!.v as string, value: (num as { v: number }).v };
      }
      return { a: 'string', value: tok!.v as string };
    }
    if (tok!.t === 'number') {
      this.i++;
      return { a: 'number', value: tok!.v as number };
    }
    if (tok!.t === 'ident') {
      const next = this.peek(1);
      // `name Type` — a named Tuple/Nested element.
      if (next && next.t === 'ident') {
        this.i++;
        return { a: 'named', name: tok!.v as string, type: this.parseType() };
      }
      return { a: 'type', type: this.parseType() };
    }
    return this.fail('unexpected token');
  }

  private build(name: string, args: Arg[] | undefined): ChType {
    const typeArg = (n: number): ChType => {
      const arg = args?.[n];
      if (!arg || arg.a !== 'type') this.fail(`${name} expects a type as argument ${n + 1}`);
      return (arg as { type: ChType }).type;
    };
    const numArg = (n: number): number => {
      const arg = args?.[n];
      if (!arg || arg.a !== 'number') this.fail(`${name} expects a number as argument ${n + 1}`);
      return (arg as { value: number }).value;
    };
    const strArg = (n: number): string | undefined => {
      const arg = args?.[n];
      if (arg === undefined) return undefined;
      if (arg.a !== 'string') this.fail(`${name} expects a quoted string as argument ${n + 1}`);
      return (arg as { value: string }).value;
    };
    const arity = (min: number, max = min): void => {
      const n = args?.length ?? 0;
      if (n < min || n > max) this.fail(`${name} takes ${min === max ? min : `${min}..${max}`} argument(s), got ${n}`);
    };

    const intMatch = /^(U?)Int(8|16|32|64|128|256)$/.exec(name);
    if (intMatch) {
      arity(0);
      return { kind: 'Int', signed: intMatch[1] === '', bits: Number(intMatch[2]) as IntBits };
    }
    const decMatch = /^Decimal(32|64|128|256)$/.exec(name);
    if (decMatch) {
      arity(1);
      const precision = { '32': 9, '64': 18, '128': 38, '256': 76 }[decMatch[1] as '32' | '64' | '128' | '256'];
      return { kind: 'Decimal', precision, scale: numArg(0) };
    }
    switch (name) {
      case 'Nullable':
        arity(1);
        return { kind: 'Nullable', inner: typeArg(0) };
      case 'LowCardinality':
        arity(1);
        return { kind: 'LowCardinality', inner: typeArg(0) };
      case 'Array':
        arity(1);
        return { kind: 'Array', element: typeArg(0) };
      case 'Map':
        arity(2);
        return { kind: 'Map', key: typeArg(0), value: typeArg(1) };
      case 'Tuple':
        return {
          kind: 'Tuple',
          elements: (args ?? []).map((arg, n) => (arg.a === 'named' ? { name: arg.name, type: arg.type } : { type: typeArg(n) })),
        };
      case 'Nested':
        return {
          kind: 'Nested',
          fields: (args ?? []).map((arg) => {
            if (arg.a !== 'named') this.fail('Nested expects `name Type` elements');
            return { name: (arg as { name: string }).name, type: (arg as { type: ChType }).type };
          }),
        };
      case 'Variant':
        return { kind: 'Variant', variants: (args ?? []).map((_, n) => typeArg(n)) };
      case 'Decimal': {
        arity(0, 2);
        // Decimal without arguments is Decimal(10, 0) in ClickHouse.
        const precision = args && args.length > 0 ? numArg(0) : 10;
        const scale = args && args.length > 1 ? numArg(1) : 0;
        return { kind: 'Decimal', precision, scale };
      }
      case 'Float32':
      case 'Float64':
        arity(0);
        return { kind: 'Float', bits: name === 'Float32' ? 32 : 64 };
      case 'Bool':
      case 'Boolean':
        arity(0);
        return { kind: 'Bool' };
      case 'String':
        arity(0);
        return { kind: 'String' };
      case 'FixedString':
        arity(1);
        return { kind: 'FixedString', length: numArg(0) };
      case 'UUID':
        arity(0);
        return { kind: 'UUID' };
      case 'Date':
        arity(0);
        return { kind: 'Date' };
      case 'Date32':
        arity(0);
        return { kind: 'Date32' };
      case 'DateTime': {
        arity(0, 1);
        const timezone = strArg(0);
        return timezone === undefined ? { kind: 'DateTime' } : { kind: 'DateTime', timezone };
      }
      case 'DateTime64': {
        arity(1, 2);
        const timezone = strArg(1);
        const precision = numArg(0);
        return timezone === undefined ? { kind: 'DateTime64', precision } : { kind: 'DateTime64', precision, timezone };
      }
      case 'Enum8':
      case 'Enum16':
        return {
          kind: 'Enum',
          bits: name === 'Enum8' ? 8 : 16,
          values: (args ?? []).map((arg) => {
            if (arg.a !== 'enumItem') this.fail(`${name} expects 'name' = value items`);
            return { name: (arg as { name: string }).name, value: (arg as { value: number }).value };
          }),
        };
      default:
        return { kind: 'Other', name, raw: args === undefined ? name : `${name}(${args.map(formatArg).join(', ')})` };
    }
  }
}

type Arg =
  | { a: 'type'; type: ChType }
  | { a: 'string'; value: string }
  | { a: 'number'; value: number }
  | { a: 'enumItem'; name: string; value: number }
  | { a: 'named'; name: string; type: ChType };

function formatArg(arg: Arg): string {
  switch (arg.a) {
    case 'type':
      return formatClickHouseType(arg.type);
    case 'string':
      return quoteString(arg.value);
    case 'number':
      return String(arg.value);
    case 'enumItem':
      return `${quoteString(arg.name)} = ${arg.value}`;
    case 'named':
      return `${formatElementName(arg.name)} ${formatClickHouseType(arg.type)}`;
  }
}

export function parseClickHouseType(input: string): ChType {
  return new Parser(input, tokenize(input)).parseAll();
}

export function quoteString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function formatElementName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `\`${name.replace(/\\/g, '\\\\').replace(/`/g, '\\`')}\``;
}

/** Prints a tree back in ClickHouse's canonical spelling (`Decimal(P, S)`, `DateTime64(3, 'UTC')`). */
export function formatClickHouseType(type: ChType): string {
  switch (type.kind) {
    case 'Nullable':
    case 'LowCardinality':
      return `${type.kind}(${formatClickHouseType(type.inner)})`;
    case 'Array':
      return `Array(${formatClickHouseType(type.element)})`;
    case 'Map':
      return `Map(${formatClickHouseType(type.key)}, ${formatClickHouseType(type.value)})`;
    case 'Tuple':
      return `Tuple(${type.elements
        .map((e) => (e.name === undefined ? '' : `${formatElementName(e.name)} `) + formatClickHouseType(e.type))
        .join(', ')})`;
    case 'Nested':
      return `Nested(${type.fields.map((f) => `${formatElementName(f.name)} ${formatClickHouseType(f.type)}`).join(', ')})`;
    case 'Variant':
      return `Variant(${type.variants.map(formatClickHouseType).join(', ')})`;
    case 'Decimal':
      return `Decimal(${type.precision}, ${type.scale})`;
    case 'Int':
      return `${type.signed ? '' : 'U'}Int${type.bits}`;
    case 'Float':
      return `Float${type.bits}`;
    case 'Bool':
    case 'String':
    case 'UUID':
    case 'Date':
    case 'Date32':
      return type.kind;
    case 'FixedString':
      return `FixedString(${type.length})`;
    case 'DateTime':
      return type.timezone === undefined ? 'DateTime' : `DateTime(${quoteString(type.timezone)})`;
    case 'DateTime64':
      return type.timezone === undefined ? `DateTime64(${type.precision})` : `DateTime64(${type.precision}, ${quoteString(type.timezone)})`;
    case 'Enum':
      return `Enum${type.bits}(${type.values.map((v) => `${quoteString(v.name)} = ${v.value}`).join(', ')})`;
    case 'JSON':
      return type.params ? `JSON(${type.params})` : 'JSON';
    case 'Object':
      return `Object(${quoteString(type.schema)})`;
    case 'Other':
      return type.raw;
  }
}

/** Strips Nullable/LowCardinality wrappers (the sink unwraps both, `Column.extractColumn`). */
export function unwrapColumnType(type: ChType): { base: ChType; nullable: boolean; lowCardinality: boolean } {
  let nullable = false;
  let lowCardinality = false;
  let base = type;
  for (;;) {
    if (base.kind === 'Nullable') {
      nullable = true;
      base = base.inner;
    } else if (base.kind === 'LowCardinality') {
      lowCardinality = true;
      base = base.inner;
    } else {
      return { base, nullable, lowCardinality };
    }
  }
}
