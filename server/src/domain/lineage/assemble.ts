/** Builds each pipeline's graph — nodes with their figures, edges, problems — from what discover.ts found and the facts. */
import type {
  ConnectorNode,
  DeadLetterNode,
  GroupNode,
  KafkaEngineNode,
  LineageEdge,
  LineageNode,
  NodeStatus,
  PipelineGraph,
  Problem,
  SubjectNode,
  TableNode,
  TopicNode,
} from '../../contracts/lineage.ts';
import { committedOf, endOffsetOf, lagOf, messagesOf } from '../figures/readings.ts';
import { keys } from '../figures/series-keys.ts';
import { growthWithin, lagTrend, latestValue, pointsOf, stillForMs } from '../figures/trend.ts';
import type { Delivery, PipelineSpec } from './discover.ts';
import type { LineageFacts } from './facts.ts';
import { findProblems } from './problem-rules.ts';

const enc = encodeURIComponent;
/** Lag trends are judged over the last two minutes (needing at least one minute of samples). */
const TREND_WINDOW_MS = 2 * 60_000;
/** Samples further apart than this leave a gap (sampling was paused). */
const maxGap = (facts: LineageFacts) => facts.intervalMs * 3;

function topicNode(spec: PipelineSpec, facts: LineageFacts): TopicNode {
  const found = facts.offsets?.topics.find((t) => t.topic === spec.topic);
  const exists = facts.offsets === null ? null : found !== undefined;
  const rateKey = keys.topicRate(spec.topic);
  return {
    id: 'topic',
    kind: 'topic',
    label: spec.topic,
    link: `#/topics/${enc(spec.topic)}`,
    status: exists === null ? 'unknown' : 'ok',
    name: spec.topic,
    exists,
    partitions: found ? found.partitions.length : null,
    endOffset: found ? endOffsetOf(found) : null,
    messagesPerSecond: latestValue(facts.samples, rateKey),
    series: { messagesPerSecond: rateKey },
  };
}

function subjectNode(spec: PipelineSpec, facts: LineageFacts): SubjectNode {
  const found = facts.subjects.get(spec.subject);
  const error = facts.subjectErrors.get(spec.subject) ?? null;
  return {
    id: 'subject',
    kind: 'subject',
    label: spec.subject,
    link: `#/schemas/${enc(spec.subject)}`,
    status: found ? (found.exists ? 'ok' : 'warning') : 'unknown',
    name: spec.subject,
    exists: found ? found.exists : null,
    latestVersion: found?.latestVersion ?? null,
    schemaId: found?.schemaId ?? null,
    compatibility: found?.compatibility ?? null,
    compatibilityIsGlobal: found?.compatibilityIsGlobal ?? false,
    error,
  };
}

const deliveryId = (d: Delivery) => (d.kind === 'connector' ? `connector:${d.name}` : `kafka-engine:${d.kafkaTable}`);

function deliveryNode(d: Delivery, facts: LineageFacts): ConnectorNode | KafkaEngineNode {
  if (d.kind === 'kafka-engine') {
    return {
      id: deliveryId(d),
      kind: 'kafka-engine',
      label: d.kafkaTable,
      link: `#/tables/${enc(d.kafkaTable)}`,
      status: facts.tables === null ? 'unknown' : 'ok',
      kafkaTable: d.kafkaTable,
      view: d.view,
      format: d.format,
    };
  }
  const known = facts.connectors?.get(d.name);
  const deployed = facts.connectors === null ? null : known !== undefined;
  return {
    id: deliveryId(d),
    kind: 'connector',
    label: d.name,
    link: `#/connectors/${enc(d.name)}`,
    status: 'unknown',
    name: d.name,
    file: d.file,
    deployed,
    state: known?.state ?? null,
    trace: known?.trace ?? null,
    tasks: known?.tasks ?? [],
  };
}

function groupNode(spec: PipelineSpec, d: Delivery, facts: LineageFacts): GroupNode {
  const topic = facts.offsets?.topics.find((t) => t.topic === spec.topic);
  const committed = facts.offsets?.groups.find((g) => g.group === d.group)?.offsets;
  const lagKey = keys.groupLag(d.group, spec.topic);
  const lag = topic && committed ? lagOf(topic, committed) : null;
  const still = stillForMs(facts.samples, [keys.groupCommitted(d.group, spec.topic)], maxGap(facts));
  return {
    id: `group:${d.group}`,
    kind: 'group',
    label: d.group,
    link: `#/topics/${enc(spec.topic)}`,
    status: lag === null ? 'unknown' : 'ok',
    name: d.group,
    topic: spec.topic,
    delivery: deliveryId(d),
    lag,
    committed: committed ? committedOf(spec.topic, committed) : null,
    lagTrend: lagTrend(pointsOf(facts.samples, lagKey), facts.now, Math.min(facts.windowMs, TREND_WINDOW_MS)),
    stillForMs: facts.samples.length === 0 ? null : still,
    series: { lag: lagKey },
  };
}

function tableNode(spec: PipelineSpec, facts: LineageFacts): TableNode {
  const found = facts.tables?.find((t) => t.database === spec.database && t.table === spec.table);
  const exists = facts.tables === null ? null : found !== undefined;
  const name = `${spec.database}.${spec.table}`;
  return {
    id: 'table',
    kind: 'table',
    label: name,
    link: `#/tables/${enc(name)}`,
    status: exists === null ? 'unknown' : 'ok',
    database: spec.database,
    table: spec.table,
    exists,
    engine: found?.engine ?? null,
    rows: found?.rows ?? null,
    rowsPerSecond: latestValue(facts.samples, keys.tableRowsRate(spec.database, spec.table)),
    lastInsertAt: found?.lastModifiedAt ? new Date(found.lastModifiedAt).toISOString() : null,
    activeParts: found?.activeParts ?? null,
    series: { rowsPerSecond: keys.tableRowsRate(spec.database, spec.table), activeParts: keys.tableParts(spec.database, spec.table) },
  };
}

function deadLetterNode(topic: string, facts: LineageFacts): DeadLetterNode {
  const found = facts.offsets?.topics.find((t) => t.topic === topic);
  const exists = facts.offsets === null ? null : found !== undefined;
  return {
    id: 'dlq',
    kind: 'dlq',
    label: topic,
    link: `#/topics/${enc(topic)}`,
    status: exists === null ? 'unknown' : 'ok',
    topic,
    exists,
    messages: found ? messagesOf(found) : null,
    newestError: facts.deadLetterErrors.get(topic) ?? null,
    series: { messages: keys.dlqMessages(topic) },
  };
}

const rank: Record<NodeStatus, number> = { ok: 0, unknown: 1, warning: 2, error: 3 };
const worst = (statuses: NodeStatus[]): NodeStatus => statuses.reduce<NodeStatus>((a, b) => (rank[b] > rank[a] ? b : a), 'ok');

/** A node's status from its own problems; a connector without them is ok when RUNNING, unknown otherwise. */
function withStatus(node: LineageNode, problems: Problem[]): LineageNode {
  const own = problems.filter((p) => p.node === node.id).map((p): NodeStatus => p.severity);
  const base: NodeStatus =
    node.kind === 'connector' ? (node.state === 'RUNNING' ? 'ok' : node.deployed === false ? 'warning' : 'unknown') : node.status;
  return { ...node, status: worst([base, ...own]) };
}

export function assemblePipeline(spec: PipelineSpec, facts: LineageFacts): PipelineGraph {
  const nodes: LineageNode[] = [topicNode(spec, facts), subjectNode(spec, facts)];
  const edges: LineageEdge[] = [{ from: 'topic', to: 'subject' }];
  for (const d of spec.deliveries) {
    const delivery = deliveryNode(d, facts);
    const group = groupNode(spec, d, facts);
    nodes.push(delivery, group);
    edges.push({ from: 'subject', to: delivery.id }, { from: delivery.id, to: group.id }, { from: group.id, to: 'table' });
  }
  nodes.push(tableNode(spec, facts));
  if (spec.dlqTopic) {
    nodes.push(deadLetterNode(spec.dlqTopic, facts));
    for (const d of spec.deliveries) if (d.kind === 'connector') edges.push({ from: deliveryId(d), to: 'dlq' });
  }
  const dlqPoints = spec.dlqTopic ? pointsOf(facts.samples, keys.dlqMessages(spec.dlqTopic)) : [];
  const problems = findProblems({
    nodes,
    contract: spec.fileId ? (facts.contracts.get(spec.fileId) ?? null) : null,
    connectError: facts.connectError,
    // Offsets stand still between two commits; two commit intervals (at least 30 s) without one is no longer normal.
    stillLimitMs: Math.max(30_000, 2 * facts.commitIntervalMs),
    deadLettersGrowth: growthWithin(dlqPoints, facts.now, facts.windowMs),
  });
  const finalNodes = nodes.map((n) => withStatus(n, problems));
  return {
    id: spec.id,
    topic: spec.topic,
    target: `${spec.database}.${spec.table}`,
    origins: spec.origins,
    status: worst(finalNodes.map((n) => n.status).filter((s) => s !== 'unknown')),
    nodes: finalNodes,
    edges,
    problems,
  };
}

export function assembleGraphs(specs: PipelineSpec[], facts: LineageFacts): PipelineGraph[] {
  return specs.map((s) => assemblePipeline(s, facts));
}
