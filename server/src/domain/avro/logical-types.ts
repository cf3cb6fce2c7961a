/**
 * Optional avsc logical types that make values JS-friendly: decimal ↔ decimal text ("-12.340" → "-12.34"
 * style canonical text), date ↔ "YYYY-MM-DD", timestamp-millis ↔ Date, uuid ↔ validated string.
 * Use: `avro.Type.forSchema(schema, { logicalTypes: JS_LOGICAL_TYPES })`. Without them avsc uses the
 * underlying representation (what generate-records.ts produces).
 */
import avro from 'avsc';
import { decimalText, decodeDecimal, encodeDecimal } from './generate-records.ts';

type Schema = Record<string, unknown>;

class DecimalType extends avro.types.LogicalType {
  private readonly scale: number;
  private readonly precision: number;
  private readonly size: number | undefined;
  constructor(schema: avro.Type | object, opts?: unknown) {
    super(schema as never, opts);
    const s = schema as Schema;
    this.precision = Number(s.precision);
    this.scale = Number(s.scale ?? 0);
    this.size = s.type === 'fixed' ? Number(s.size) : undefined;
  }
  protected override _fromValue(buf: Buffer): string {
    return decimalText(decodeDecimal(buf), this.scale);
  }
  protected override _toValue(text: unknown): Buffer | undefined {
    if (typeof text !== 'string' && typeof text !== 'number') return undefined;
    const m = /^(-)?(\d+)(?:\.(\d+))?$/.exec(String(text));
    if (!m) return undefined;
    const frac = (m[3] ?? '').replace(/0+$/, '');
    if (frac.length > this.scale) return undefined;
    const digits = ((m[2] as string) + frac.padEnd(this.scale, '0')).replace(/^0+(?=\d)/, '');
    if (digits.length > this.precision) return undefined;
    const unscaled = BigInt(digits) * (m[1] ? -1n : 1n);
    return encodeDecimal(unscaled, this.size);
  }
  protected override _resolve(type: avro.Type): unknown {
    return avro.Type.isType(type, 'logical:decimal') ? (x: unknown) => x : undefined;
  }
}

class DateType extends avro.types.LogicalType {
  protected override _fromValue(days: number): string {
    return new Date(days * 86_400_000).toISOString().slice(0, 10);
  }
  protected override _toValue(text: unknown): number | undefined {
    if (typeof text !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return undefined;
    const ms = Date.parse(`${text}T00:00:00Z`);
    return Number.isNaN(ms) ? undefined : ms / 86_400_000;
  }
}

class TimestampMillisType extends avro.types.LogicalType {
  protected override _fromValue(ms: number): Date {
    return new Date(ms);
  }
  protected override _toValue(date: unknown): number | undefined {
    return date instanceof Date && !Number.isNaN(date.getTime()) ? date.getTime() : undefined;
  }
}

const UUID_PATTERN = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

class UuidType extends avro.types.LogicalType {
  protected override _fromValue(s: string): string {
    return s;
  }
  protected override _toValue(s: unknown): string | undefined {
    return typeof s === 'string' && UUID_PATTERN.test(s) ? s : undefined;
  }
}

export const JS_LOGICAL_TYPES = {
  decimal: DecimalType,
  date: DateType,
  'timestamp-millis': TimestampMillisType,
  uuid: UuidType,
} as unknown as Record<string, new (schema: avro.Type | object, opts?: unknown) => avro.types.LogicalType>;
