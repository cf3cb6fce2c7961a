/**
 * Which pipelines exist: a pipeline is one topic flowing into one ClickHouse table, found from any of three places —
 * a sink file in connectors/, a ClickHouse sink deployed on Connect, a Kafka-engine table with a materialized view
 * writing into the table. The same topic→table found in several places is one pipeline with several origins.
 */
import type { PipelineOrigin } from '../../contracts/lineage.ts';
import { sinkTargets } from '../connector-config/sink-targets.ts';

export const CLICKHOUSE_SINK = 'com.clickhouse.kafka.connect.ClickHouseSinkConnector';

/** A pipeline one connectors/ file describes (server/src/pipelines resolves them). */
export interface FilePipeline {
  id: string;
  connectorName: string;
  connectorFile: string;
  topic: string;
  subject: string;
  database: string;
  table: string;
  dlqTopic: string | null;
}

export interface DeployedConnector {
  name: string;
  config: Record<string, string>;
}

/** A Kafka-engine table, the view writing from it and the table the view writes into. */
export interface KafkaEngineFlow {
  kafkaTable: string;
  view: string;
  format: string;
  group: string;
  topics: string[];
  target: { database: string; table: string };
}

export interface ConnectorDelivery {
  kind: 'connector';
  name: string;
  file: string | null;
  deployed: boolean;
  group: string;
}

export interface KafkaEngineDelivery {
  kind: 'kafka-engine';
  kafkaTable: string;
  view: string;
  format: string;
  group: string;
}

export type Delivery = ConnectorDelivery | KafkaEngineDelivery;

export interface PipelineSpec {
  id: string;
  topic: string;
  subject: string;
  database: string;
  table: string;
  dlqTopic: string | null;
  origins: PipelineOrigin[];
  deliveries: Delivery[];
  /** The file pipeline's id when connectors/ describes it (its contract can be checked). */
  fileId: string | null;
}

/** Sink connectors consume as `connect-<name>` unless the config overrides the group (Connect's SinkUtils.consumerGroupId). */
export const connectorGroup = (name: string, config: Record<string, string> = {}) =>
  config['consumer.override.group.id']?.trim() || `connect-${name}`;

export function discoverPipelines(files: FilePipeline[], deployed: DeployedConnector[], flows: KafkaEngineFlow[]): PipelineSpec[] {
  const specs = new Map<string, PipelineSpec>();
  const spec = (topic: string, database: string, table: string, id: string): PipelineSpec => {
    const key = `${topic}\u0000${database}\u0000${table}`;
    let found = specs.get(key);
    if (!found) {
      found = { id, topic, subject: `${topic}-value`, database, table, dlqTopic: null, origins: [], deliveries: [], fileId: null };
      specs.set(key, found);
    }
    return found;
  };
  const addOrigin = (s: PipelineSpec, origin: PipelineOrigin) => {
    if (!s.origins.includes(origin)) s.origins.push(origin);
  };
  const connectorOf = (s: PipelineSpec, name: string) =>
    s.deliveries.find((d): d is ConnectorDelivery => d.kind === 'connector' && d.name === name);

  for (const f of files) {
    const s = spec(f.topic, f.database, f.table, f.id);
    s.fileId = f.id;
    s.id = f.id;
    s.dlqTopic ??= f.dlqTopic;
    addOrigin(s, 'file');
    const existing = connectorOf(s, f.connectorName);
    if (existing) existing.file = f.connectorFile;
    else
      s.deliveries.push({
        kind: 'connector',
        name: f.connectorName,
        file: f.connectorFile,
        deployed: false,
        group: connectorGroup(f.connectorName),
      });
  }
  for (const c of deployed) {
    if (c.config['connector.class'] !== CLICKHOUSE_SINK) continue;
    const database = c.config['database']?.trim() || 'default';
    const targets = sinkTargets(c.config);
    for (const { topic, table } of targets) {
      const s = spec(topic, database, table, targets.length === 1 ? c.name : `${c.name}:${topic}`);
      addOrigin(s, 'connect');
      s.dlqTopic = c.config['errors.deadletterqueue.topic.name']?.trim() || s.dlqTopic;
      const existing = connectorOf(s, c.name);
      const group = connectorGroup(c.name, c.config);
      if (existing) Object.assign(existing, { deployed: true, group });
      else s.deliveries.push({ kind: 'connector', name: c.name, file: null, deployed: true, group });
    }
  }
  for (const flow of flows) {
    for (const topic of flow.topics) {
      const s = spec(topic, flow.target.database, flow.target.table, flow.kafkaTable);
      addOrigin(s, 'kafka-engine');
      s.deliveries.push({ kind: 'kafka-engine', kafkaTable: flow.kafkaTable, view: flow.view, format: flow.format, group: flow.group });
    }
  }
  return [...specs.values()].sort((a, b) => a.id.localeCompare(b.id));
}

/** Everything a tick samples for these pipelines (each name once). */
export function sampleTargetsOf(specs: PipelineSpec[]): {
  topics: string[];
  dlqTopics: string[];
  groups: { group: string; topic: string }[];
  tables: { database: string; table: string }[];
} {
  const unique = <T>(items: T[], key: (t: T) => string) => [...new Map(items.map((i) => [key(i), i])).values()];
  return {
    topics: unique(
      specs.map((s) => s.topic),
      (t) => t,
    ),
    dlqTopics: unique(
      specs.flatMap((s) => (s.dlqTopic ? [s.dlqTopic] : [])),
      (t) => t,
    ),
    groups: unique(
      specs.flatMap((s) => s.deliveries.map((d) => ({ group: d.group, topic: s.topic }))),
      (g) => `${g.group}\u0000${g.topic}`,
    ),
    tables: unique(
      specs.map((s) => ({ database: s.database, table: s.table })),
      (t) => `${t.database}\u0000${t.table}`,
    ),
  };
}
