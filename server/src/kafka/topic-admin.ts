/** Topic settings and destructive topic operations: configs with their sources, incremental edits, delete, delete records. */
import { AppError } from '../errors/app-error.ts';
import type { KafkaAccess } from './access.ts';
import { kafkajs } from './kafkajs.ts';
import { sendRaw, supportedVersions, newEncoder } from './protocol.ts';

export type ConfigSourceName =
  'topic' | 'dynamic-broker' | 'dynamic-default-broker' | 'static-broker' | 'default' | 'dynamic-broker-logger' | 'unknown';

/** DescribeConfigs' ConfigSource (KIP-226), as kafkajs numbers it (built on first use: kafkajs loads lazily). */
function sourceNames(): Record<number, ConfigSourceName> {
  const { ConfigSource } = kafkajs();
  return {
    [ConfigSource.UNKNOWN]: 'unknown',
    [ConfigSource.TOPIC_CONFIG]: 'topic',
    [ConfigSource.DYNAMIC_BROKER_CONFIG]: 'dynamic-broker',
    [ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG]: 'dynamic-default-broker',
    [ConfigSource.STATIC_BROKER_CONFIG]: 'static-broker',
    [ConfigSource.DEFAULT_CONFIG]: 'default',
    [ConfigSource.DYNAMIC_BROKER_LOGGER_CONFIG]: 'dynamic-broker-logger',
  };
}

export interface TopicConfigEntry {
  name: string;
  /** null when sensitive (never sent) or unset. */
  value: string | null;
  source: ConfigSourceName;
  readOnly: boolean;
  sensitive: boolean;
  /** Where the value would come from without the topic's own setting, most specific first. */
  synonyms: { name: string; value: string | null; source: ConfigSourceName }[];
}

/** Every config of `topic` with its source (DescribeConfigs with synonyms). */
export function describeTopicConfigs(access: KafkaAccess, topic: string): Promise<TopicConfigEntry[]> {
  return access.withAdmin(async (admin) => {
    const described = await admin.describeConfigs({
      includeSynonyms: true,
      resources: [{ type: kafkajs().ConfigResourceTypes.TOPIC, name: topic }],
    });
    const SOURCE_NAMES = sourceNames();
    const resource = described.resources[0];
    if (!resource || resource.errorCode === 3) throw new AppError(404, 'TOPIC_NOT_FOUND', `Kafka has no topic "${topic}"`, { topic });
    return resource.configEntries
      .map((e) => {
        const entry = e as typeof e & {
          configSource?: number;
          configSynonyms?: { configName: string; configValue: string | null; configSource: number }[];
        };
        return {
          name: entry.configName,
          value: entry.isSensitive ? null : (entry.configValue ?? null),
          source: SOURCE_NAMES[entry.configSource ?? -1] ?? 'unknown',
          readOnly: entry.readOnly,
          sensitive: entry.isSensitive,
          synonyms: (entry.configSynonyms ?? []).map((s) => ({
            name: s.configName,
            value: entry.isSensitive ? null : (s.configValue ?? null),
            source: SOURCE_NAMES[s.configSource] ?? 'unknown',
          })),
        };
      })
      .sort((a, b) => a.name.localeCompare(b.name));
  });
}

export interface ConfigChange {
  name: string;
  /** null: remove the topic's own value (back to the broker's). */
  value: string | null;
}

const INCREMENTAL_ALTER_CONFIGS = 44;
const OP_SET = 0;
const OP_DELETE = 1;
const TOPIC_RESOURCE = 2;

/**
 * IncrementalAlterConfigs v0 (KIP-339; IncrementalAlterConfigsRequest.json / Response.json): only the named configs
 * change, every other topic config stays — unlike AlterConfigs, which replaces the topic's whole config set.
 * `validateOnly` asks the broker to check without changing anything.
 */
export function alterTopicConfigs(access: KafkaAccess, topic: string, changes: ConfigChange[], validateOnly = false): Promise<void> {
  return access.withCluster(
    async (cluster) => {
      await cluster.refreshMetadata();
      const broker = await cluster.findControllerBroker();
      const versions = supportedVersions(broker, INCREMENTAL_ALTER_CONFIGS);
      if (!versions || versions.minVersion > 0) {
        throw new AppError(
          400,
          'KAFKA_REJECTED',
          'This Kafka does not support IncrementalAlterConfigs v0 (Kafka ≥ 2.3 does); nothing was changed',
          {
            service: 'Kafka',
          },
        );
      }
      const results = await sendRaw(broker, {
        apiKey: INCREMENTAL_ALTER_CONFIGS,
        apiVersion: 0,
        apiName: 'IncrementalAlterConfigs',
        flexible: false,
        encode: (e) =>
          e
            .writeArray([
              newEncoder()
                .writeInt8(TOPIC_RESOURCE)
                .writeString(topic)
                .writeArray(
                  changes.map((c) =>
                    newEncoder()
                      .writeString(c.name)
                      .writeInt8(c.value === null ? OP_DELETE : OP_SET)
                      .writeString(c.value),
                  ),
                ),
            ])
            .writeBoolean(validateOnly),
        decode: (d) => {
          d.readInt32(); // throttle_time_ms
          return d.readArray((r) => ({
            errorCode: r.readInt16(),
            errorMessage: r.readString(),
            resourceType: r.readInt8(),
            resourceName: r.readString(),
          }));
        },
      });
      const failed = results.find((r) => r.errorCode !== 0);
      if (failed) {
        const notFound = failed.errorCode === 3;
        throw new AppError(
          notFound ? 404 : 400,
          notFound ? 'TOPIC_NOT_FOUND' : 'INVALID_CONFIG',
          notFound
            ? `Kafka has no topic "${topic}"`
            : `Kafka refused the config change of ${topic}: ${failed.errorMessage ?? `error code ${failed.errorCode}`}; nothing was changed`,
          { service: 'Kafka', topic, kafkaErrorCode: failed.errorCode, kafkaMessage: failed.errorMessage },
        );
      }
    },
    { write: !validateOnly },
  );
}

export function deleteTopic(access: KafkaAccess, topic: string): Promise<void> {
  return access.withAdmin((admin) => admin.deleteTopics({ topics: [topic], timeout: access.operationTimeoutMs }), { write: true });
}

/** Deletes every record before `offset` on each partition (DeleteRecords): the log start offset moves up to it. */
export function deleteRecordsBefore(
  access: KafkaAccess,
  topic: string,
  partitions: { partition: number; offset: number }[],
): Promise<void> {
  return access.withAdmin(
    async (admin) => {
      // kafkajs looks the leaders up in metadata it does not load itself.
      await admin.fetchTopicMetadata({ topics: [topic] });
      await admin.deleteTopicRecords({ topic, partitions: partitions.map((p) => ({ partition: p.partition, offset: String(p.offset) })) });
    },
    { write: true },
  );
}
