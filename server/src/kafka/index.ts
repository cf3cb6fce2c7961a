export {
  createKafkaClient,
  probeKafka,
  type BrokerFacts,
  type ClusterFacts,
  type CreateTopicRequest,
  type KafkaClient,
  type KafkaClientOptions,
} from './client.ts';
