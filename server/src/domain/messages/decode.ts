/**
 * How a key, value or header is shown: Confluent-framed Avro decoded with its writer schema, JSON, UTF-8 text,
 * or bytes (hex, plus base64 for copying). Pure: the writer schemas are looked up beforehand and passed in.
 */
import type avro from 'avsc';
import type { MessagePart } from '../../contracts/messages.ts';
import { avroPayloadToJson } from './avro-json.ts';

/** A part's text is cut beyond this many characters (the flag `truncated` says so). */
export const MAX_PART_CHARS = 64 * 1024;

export interface WriterSchemaInfo {
  id: number;
  schemaType: string;
  /** The avsc type for AVRO schemas; null otherwise or when it did not parse. */
  type: avro.Type | null;
  subject: string | null;
  version: number | null;
}

/** Confluent wire format: magic byte 0, then a 4-byte big-endian schema id. */
export function framedSchemaId(bytes: Buffer | null): number | null {
  if (!bytes || bytes.length < 5 || bytes[0] !== 0) return null;
  return bytes.readInt32BE(1);
}

/** Confluent wire format framing: magic byte 0, the schema id as a 4-byte big-endian integer, the payload. */
export function confluentFrame(schemaId: number, payload: Buffer): Buffer {
  const header = Buffer.alloc(5);
  header.writeInt32BE(schemaId, 1);
  return Buffer.concat([header, payload]);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The text when `bytes` are valid UTF-8 without control characters other than tab, CR and LF; else null. */
export function printableText(bytes: Buffer): string | null {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return null;
  }
  return /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text) ? null : text;
}

export interface DecodedPart {
  part: MessagePart;
  /** The whole text before truncation (what a filter matches against). */
  fullText: string;
}

const base = (bytes: Buffer | null) => ({ bytes: bytes?.length ?? 0, schemaId: null, subject: null, version: null, note: null });

function withText(part: Omit<MessagePart, 'text' | 'truncated'>, text: string): DecodedPart {
  const truncated = text.length > MAX_PART_CHARS;
  return { part: { ...part, text: truncated ? text.slice(0, MAX_PART_CHARS) : text, truncated }, fullText: text };
}

function binary(bytes: Buffer, note: string | null, schema?: WriterSchemaInfo): DecodedPart {
  const shown = bytes.subarray(0, MAX_PART_CHARS / 2);
  const decoded = withText(
    {
      ...base(bytes),
      format: 'binary',
      base64: shown.toString('base64'),
      note,
      ...(schema ? { schemaId: schema.id, subject: schema.subject, version: schema.version } : {}),
    },
    bytes.toString('hex'),
  );
  return { part: { ...decoded.part, truncated: bytes.length > shown.length }, fullText: decoded.fullText };
}

function plain(bytes: Buffer, schema?: WriterSchemaInfo): DecodedPart | null {
  const text = printableText(bytes);
  if (text === null) return null;
  const framing = schema ? { schemaId: schema.id, subject: schema.subject, version: schema.version } : {};
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[') || schema) {
    try {
      return withText({ ...base(bytes), ...framing, format: 'json', base64: null }, JSON.stringify(JSON.parse(text)));
    } catch {
      // Not JSON after all: plain text.
    }
  }
  return withText({ ...base(bytes), ...framing, format: 'text', base64: null }, text);
}

/**
 * Decodes one key or value. `schemas` holds the writer schemas of the framed ids (null: the registry has no such
 * id); an id missing from the map was not looked up (the registry was unreachable) and is said so.
 */
export function decodePart(bytes: Buffer | null, schemas: ReadonlyMap<number, WriterSchemaInfo | null>): DecodedPart {
  if (bytes === null) return { part: { ...base(null), format: 'null', text: null, base64: null, truncated: false }, fullText: '' };
  const id = framedSchemaId(bytes);
  if (id !== null && schemas.has(id)) {
    const schema = schemas.get(id) ?? null;
    if (schema === null)
      return plain(bytes) ?? binary(bytes, `starts like the Confluent wire format (schema id ${id}), but the registry has no schema ${id}`);
    const payload = bytes.subarray(5);
    if (schema.schemaType === 'AVRO' && schema.type) {
      try {
        const json = avroPayloadToJson(schema.type, payload);
        return withText(
          { ...base(bytes), format: 'avro', base64: null, schemaId: id, subject: schema.subject, version: schema.version },
          JSON.stringify(json),
        );
      } catch (error) {
        return binary(bytes, `Confluent-framed with schema id ${id}, but does not decode with it: ${(error as Error).message}`, schema);
      }
    }
    if (schema.schemaType === 'JSON')
      return plain(payload, schema) ?? binary(bytes, `JSON Schema id ${id}, but the payload is not text`, schema);
    return binary(bytes, `${schema.schemaType} (schema id ${id}) is shown as bytes`, schema);
  }
  const decoded = plain(bytes);
  if (decoded) return decoded;
  return binary(bytes, id !== null ? `starts like the Confluent wire format (schema id ${id}); the registry could not be asked` : null);
}

/** A header value: text when printable, else hex. */
export function decodeHeader(value: Buffer | null): { value: string | null; encoding: 'text' | 'hex' } {
  if (value === null) return { value: null, encoding: 'text' };
  const text = printableText(value);
  return text === null ? { value: value.toString('hex'), encoding: 'hex' } : { value: text, encoding: 'text' };
}

/** Case-insensitive substring match over the key's and the value's full text. */
export function matchesFilter(filter: string | undefined, key: DecodedPart, value: DecodedPart): boolean {
  if (!filter) return true;
  const needle = filter.toLowerCase();
  return key.fullText.toLowerCase().includes(needle) || value.fullText.toLowerCase().includes(needle);
}
