/** Fetched records → the messages the API shows, with the writer schemas of framed values looked up (and cached). */
import type { TopicMessage } from '../contracts/messages.ts';
import { avroType } from '../domain/messages/avro-json.ts';
import { decodeHeader, decodePart, framedSchemaId, type DecodedPart, type WriterSchemaInfo } from '../domain/messages/decode.ts';
import type { FetchedRecord } from '../kafka/messages.ts';
import type { SchemaById, SchemaIdLookup } from '../registry/schema-ids.ts';

export interface DecodedMessage {
  message: TopicMessage;
  key: DecodedPart;
  value: DecodedPart;
}

export interface MessageDecoder {
  /** Looks up the writer schemas `records` need (a registry that cannot be reached leaves them unknown). */
  prepare(records: FetchedRecord[]): Promise<void>;
  decode(record: FetchedRecord): DecodedMessage;
}

/**
 * One decoder per request over `topic`. When several subjects hold a schema id, the topic's own subject
 * (`<topic>-value` / `<topic>-key`, the TopicNameStrategy) is named, else the first.
 */
export function createMessageDecoder(lookup: SchemaIdLookup, topic: string): MessageDecoder {
  // Ids resolved so far in this request; the lookup itself caches across requests.
  const found = new Map<number, SchemaById | null>();
  const schemasFor = (part: 'key' | 'value') =>
    new Map(
      [...found].map(([id, s]) => {
        if (s === null) return [id, null];
        const own = s.versions.find((v) => v.subject === `${topic}-${part}`) ?? s.versions[0];
        return [id, { id, schemaType: s.schemaType, type: typeOf(s), subject: own?.subject ?? null, version: own?.version ?? null }];
      }),
    );
  let keySchemas = new Map<number, WriterSchemaInfo | null>();
  let valueSchemas = new Map<number, WriterSchemaInfo | null>();
  return {
    async prepare(records) {
      const ids = new Set<number>();
      for (const r of records) {
        for (const bytes of [r.key, r.value]) {
          const id = framedSchemaId(bytes);
          if (id !== null && !found.has(id)) ids.add(id);
        }
      }
      await Promise.all(
        [...ids].map(async (id) => {
          try {
            found.set(id, await lookup.byId(id));
          } catch {
            // Unreachable registry: the id stays unknown and the part says so.
          }
        }),
      );
      if (ids.size > 0) [keySchemas, valueSchemas] = [schemasFor('key'), schemasFor('value')];
    },
    decode(record) {
      const key = decodePart(record.key, keySchemas);
      const value = decodePart(record.value, valueSchemas);
      return {
        key,
        value,
        message: {
          partition: record.partition,
          offset: record.offset,
          timestamp: record.timestamp,
          timestampType: record.timestampType,
          key: key.part,
          value: value.part,
          headers: record.headers.map((h) => ({ key: h.key, ...decodeHeader(h.value) })),
        },
      };
    },
  };
}

// Schema ids are immutable and the lookup keeps one object per id, so the parsed type is kept with it.
const types = new WeakMap<SchemaById, WriterSchemaInfo['type']>();

function typeOf(found: SchemaById): WriterSchemaInfo['type'] {
  if (found.schemaType !== 'AVRO') return null;
  if (!types.has(found)) {
    try {
      types.set(found, avroType(found.schema));
    } catch {
      types.set(found, null);
    }
  }
  return types.get(found) ?? null;
}
