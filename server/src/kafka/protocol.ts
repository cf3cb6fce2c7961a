/**
 * Kafka requests kafkajs 2.2.4 does not implement (IncrementalAlterConfigs, ListGroups v5, ConsumerGroupDescribe),
 * encoded with kafkajs's own protocol Encoder/Decoder and sent over a broker connection it already negotiated.
 * Field layouts follow the request/response JSON specs in apache/kafka
 * (clients/src/main/resources/common/message/*.json, 4.1); each caller cites its file.
 *
 * Flexible versions (KIP-482) use request header v2 and response header v1, which add a tagged-field section after
 * the client id and after the correlation id. kafkajs writes header v1 and reads header v0, so for a flexible
 * request the empty tagged-field section (one 0 byte) leads the body, and the response body starts with the
 * header's tagged fields, which the decoder skips first.
 */
import { createRequire } from 'node:module';
import type { RawBroker } from './raw-cluster.ts';

const require = createRequire(import.meta.url);

export interface KafkaEncoder {
  writeInt8(value: number): KafkaEncoder;
  writeInt16(value: number): KafkaEncoder;
  writeInt32(value: number): KafkaEncoder;
  writeBoolean(value: boolean): KafkaEncoder;
  writeString(value: string | null): KafkaEncoder;
  writeUVarInt(value: number): KafkaEncoder;
  writeUVarIntString(value: string | null): KafkaEncoder;
  writeArray(values: KafkaEncoder[] | string[] | number[], type?: 'int32' | 'string' | 'object'): KafkaEncoder;
  writeEncoder(value: KafkaEncoder): KafkaEncoder;
}

export interface KafkaDecoder {
  readInt8(): number;
  readInt16(): number;
  readInt32(): number;
  readBoolean(): boolean;
  readString(): string | null;
  readUVarInt(): number;
  readUVarIntString(): string | null;
  readBytes(length: number): Buffer;
  readArray<T>(reader: (d: KafkaDecoder) => T): T[];
  readUVarIntArray<T>(reader: (d: KafkaDecoder) => T): T[];
  readTaggedFields(): unknown;
}

// Loaded on first use, like kafkajs itself (kafkajs.ts).
const Encoder = () => require('kafkajs/src/protocol/encoder') as new () => KafkaEncoder;
const Decoder = () => require('kafkajs/src/protocol/decoder') as new (buffer: Buffer) => KafkaDecoder;

export const newEncoder = (): KafkaEncoder => new (Encoder())();

export interface RawRequest<T> {
  apiKey: number;
  apiVersion: number;
  apiName: string;
  flexible: boolean;
  encode(encoder: KafkaEncoder): void;
  decode(decoder: KafkaDecoder): T;
}

/** The broker's supported version range for `apiKey`, or null when it has none. */
export function supportedVersions(broker: RawBroker, apiKey: number): { minVersion: number; maxVersion: number } | null {
  return broker.versions[apiKey] ?? null;
}

/** Sends `request` to `broker` and returns the decoded response. */
export async function sendRaw<T>(broker: RawBroker, request: RawRequest<T>, requestTimeout?: number): Promise<T> {
  return (await broker.connectionPool.send({
    request: {
      apiKey: request.apiKey,
      apiVersion: request.apiVersion,
      apiName: request.apiName,
      encode: () => {
        const encoder = newEncoder();
        if (request.flexible) encoder.writeUVarInt(0);
        request.encode(encoder);
        return encoder;
      },
    },
    response: {
      decode: async (raw: Buffer) => {
        const decoder = new (Decoder())(raw);
        if (request.flexible) decoder.readTaggedFields();
        return request.decode(decoder);
      },
      parse: async (decoded: unknown) => decoded,
    },
    requestTimeout,
  })) as T;
}
