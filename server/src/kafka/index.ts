export {
  createKafkaClient,
  probeKafka,
  type ClusterFacts,
  type CreateTopicRequest,
  type KafkaClient,
  type KafkaClientOptions,
} from './client.ts';
