/**
 * Topics the panel never edits or deletes, with the reason: Kafka's own, the Schema Registry's store, the Connect
 * worker's three storage topics, and bookkeeping topics by convention (a leading "_").
 * Names: SCHEMA_REGISTRY_KAFKASTORE_TOPIC and CONNECT_{CONFIG,OFFSET,STATUS}_STORAGE_TOPIC in docker-compose.yml and
 * docker-compose.cluster.yml; Connect's sample names (config/connect-distributed.properties in apache/kafka).
 */
const NAMED: Record<string, string> = {
  _schemas: "the Schema Registry's store of every schema (kafkastore.topic); deleting it deletes all schemas",
  '_connect-configs': "the Connect worker's connector configurations (config.storage.topic)",
  '_connect-offsets': "the Connect worker's source offsets (offset.storage.topic)",
  '_connect-status': "the Connect worker's connector and task states (status.storage.topic)",
  '_pipeline-panel-redrives': "the panel's record of redriven dead letters",
};

/** Why `topic` is internal, or null when it is an ordinary topic. */
export function internalTopicReason(topic: string): string | null {
  if (NAMED[topic]) return NAMED[topic];
  if (topic.startsWith('__')) return "Kafka's own internal topic (consumer offsets, transactions, share groups, cluster metadata)";
  if (/(^|[-_.])connect[-_.]?(configs|offsets|status)$/.test(topic))
    return 'named like a Kafka Connect worker storage topic (config/offset/status.storage.topic)';
  if (topic.startsWith('_'))
    return 'a bookkeeping topic by convention (a leading "_": Connect workers, the Schema Registry and the panel keep their state in such topics)';
  return null;
}
