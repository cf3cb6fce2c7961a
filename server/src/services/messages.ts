/** The Topics screen's messages: browse a bounded page (no consumer group), produce one message. */
import type { BrowseMessagesQuery, BrowseMessagesResponse, ProduceMessageInput, ProduceMessageResult } from '../contracts/messages.ts';
import { avroType, jsonToAvro } from '../domain/messages/avro-json.ts';
import { confluentFrame } from '../domain/messages/decode.ts';
import { AppError } from '../errors/app-error.ts';
import type { KafkaAccess } from '../kafka/access.ts';
import { topicPartitions } from '../kafka/messages.ts';
import { produceMessages } from '../kafka/produce.ts';
import type { RegistryClient } from '../registry/client.ts';
import { createSchemaIdLookup, type SchemaIdLookup } from '../registry/schema-ids.ts';
import { browseMessages } from './message-browser.ts';
import { createMessageDecoder } from './message-decoder.ts';

export interface MessageService {
  browse(topic: string, query: BrowseMessagesQuery): Promise<BrowseMessagesResponse>;
  produce(topic: string, input: ProduceMessageInput): Promise<ProduceMessageResult>;
  /** Shared with the dead-letter view: the same decoding and schema cache. */
  readonly schemas: SchemaIdLookup;
}

export function createMessageService(deps: { kafka: KafkaAccess; registry: RegistryClient }): MessageService {
  const schemas = createSchemaIdLookup(deps.registry.url);

  async function encodeValue(
    input: ProduceMessageInput['value'],
  ): Promise<{ value: Buffer | null; schema: { id: number; subject: string; version: number } | null }> {
    const missing = (field: string, why: string) =>
      new AppError(400, 'VALIDATION_FAILED', `body.value.${field} is required ${why}; nothing was produced`, {
        field: `body.value.${field}`,
        rule: 'required',
      });
    if (input.format === 'null') return { value: null, schema: null };
    if (input.format === 'text') {
      if (input.text === undefined) throw missing('text', 'with format "text"');
      return { value: Buffer.from(input.text, 'utf8'), schema: null };
    }
    if (input.json === undefined) throw missing('json', `with format "${input.format}"`);
    if (input.format === 'json') return { value: Buffer.from(JSON.stringify(input.json), 'utf8'), schema: null };
    if (input.subject === undefined) throw missing('subject', 'with format "avro" (the subject whose version validates the value)');
    if (input.version === undefined) throw missing('version', 'with format "avro" (a pinned subject version, e.g. 1)');
    const registered = await deps.registry.version(input.subject, input.version);
    if (registered.schemaType !== 'AVRO')
      throw new AppError(
        400,
        'NOT_AVRO',
        `${input.subject} version ${input.version} is a ${registered.schemaType} schema, not Avro; nothing was produced`,
      );
    const checked = jsonToAvro(avroType(registered.schema), input.json);
    if (!checked.ok) {
      const list = checked.errors.map((e) => `${e.path || '(the value)'}: ${e.message}`).join('; ');
      throw new AppError(
        400,
        'INVALID_MESSAGE_VALUE',
        `The value does not fit ${input.subject} version ${input.version} (schema id ${registered.id}): ${list}; nothing was produced`,
        { subject: input.subject, version: input.version, schemaId: registered.id, errors: checked.errors },
      );
    }
    // Encoded with the pinned version's own schema (not whatever the id lookup or "latest" would give).
    const payload = avroType(registered.schema).toBuffer(checked.value);
    return { value: confluentFrame(registered.id, payload), schema: { id: registered.id, subject: input.subject, version: input.version } };
  }

  return {
    schemas,
    browse: (topic, query) => browseMessages(deps.kafka, createMessageDecoder(schemas, topic), topic, query),

    async produce(topic, input) {
      const partitions = await deps.kafka.withCluster((cluster) => topicPartitions(cluster, topic));
      if (input.partition !== undefined && !partitions.includes(input.partition)) {
        throw new AppError(
          404,
          'PARTITION_NOT_FOUND',
          `Topic ${topic} has no partition ${input.partition} (it has ${partitions.length}: 0..${partitions.length - 1}); nothing was produced`,
          { topic, partition: input.partition },
        );
      }
      const { value, schema } = await encodeValue(input.value);
      const [landed] = await produceMessages(deps.kafka, topic, [
        {
          key: input.key === undefined || input.key === null ? null : Buffer.from(input.key, 'utf8'),
          value,
          headers: (input.headers ?? []).map((h) => ({ key: h.key, value: Buffer.from(h.value, 'utf8') })),
          partition: input.partition,
        },
      ]);
      const at = landed ?? { partition: -1, offset: -1 };
      const what = schema
        ? `Avro (${schema.subject} v${schema.version}, schema id ${schema.id})`
        : input.value.format === 'null'
          ? 'a tombstone'
          : input.value.format;
      return {
        topic,
        partition: at.partition,
        offset: at.offset,
        valueBytes: value?.length ?? 0,
        schemaId: schema?.id ?? null,
        subject: schema?.subject ?? null,
        version: schema?.version ?? null,
        message: `Produced ${what} to ${topic} partition ${at.partition} at offset ${at.offset}`,
      };
    },
  };
}
