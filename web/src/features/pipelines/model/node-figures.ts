/** The lines a lineage node shows: its figures in words, formatted for a small card. */
import type { LineageNode } from '@pipeline-panel/server/contracts';

const count = (n: number | null | undefined) => (n === null || n === undefined ? '–' : Math.round(n).toLocaleString('en-US'));
const rate = (n: number | null | undefined) =>
  n === null || n === undefined ? '–' : n < 10 ? n.toFixed(1) : Math.round(n).toLocaleString('en-US');

export const KIND_LABEL: Record<LineageNode['kind'], string> = {
  topic: 'Topic',
  subject: 'Subject',
  connector: 'Connector',
  'kafka-engine': 'Kafka engine',
  group: 'Consumer group',
  table: 'Table',
  dlq: 'Dead letters',
};

export function ago(iso: string | null, now: number): string {
  if (!iso) return 'never';
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  return s < 60 ? `${s} s ago` : s < 3600 ? `${Math.round(s / 60)} min ago` : `${Math.round(s / 3600)} h ago`;
}

/** [label, value] pairs; `live` overrides a figure with the newest streamed value when there is one. */
export function nodeFigures(node: LineageNode, now: number, live: (key: string) => number | null): [string, string][] {
  switch (node.kind) {
    case 'topic':
      if (node.exists === false) return [['state', 'missing']];
      return [
        ['msgs/s in', rate(live(node.series.messagesPerSecond) ?? node.messagesPerSecond)],
        ['end offset', count(node.endOffset)],
        ['partitions', count(node.partitions)],
      ];
    case 'subject':
      if (node.exists === false) return [['state', 'not registered']];
      return [
        ['latest', node.latestVersion === null ? '–' : `v${node.latestVersion}`],
        ['compat', node.compatibility ? `${node.compatibility}${node.compatibilityIsGlobal ? ' (global)' : ''}` : '–'],
      ];
    case 'connector':
      if (node.deployed === null) return [['state', 'Connect did not answer']];
      if (!node.deployed) return [['state', 'not deployed']];
      return [
        ['state', node.state ?? '–'],
        ['tasks', node.tasks.length === 0 ? 'none' : node.tasks.map((t) => `${t.id}:${t.state}`).join(' ')],
      ];
    case 'kafka-engine':
      return [
        ['view', node.view ?? 'none'],
        ['format', node.format],
      ];
    case 'group':
      return [
        ['lag', count(live(node.series.lag) ?? node.lag)],
        ['trend', node.lagTrend],
      ];
    case 'table':
      if (node.exists === false) return [['state', 'missing']];
      return [
        ['rows', count(node.rows)],
        ['rows/s', rate(live(node.series.rowsPerSecond) ?? node.rowsPerSecond)],
        ['last insert', ago(node.lastInsertAt, now)],
        ['active parts', count(live(node.series.activeParts) ?? node.activeParts)],
      ];
    case 'dlq':
      if (node.exists === false) return [['messages', 'none yet']];
      return [
        ['messages', count(live(node.series.messages) ?? node.messages)],
        ...(node.newestError ? [['newest error', node.newestError.message] as [string, string]] : []),
      ];
  }
}

/** The series a node charts, with the chart's name. */
export function nodeCharts(node: LineageNode): { key: string; label: string }[] {
  switch (node.kind) {
    case 'topic':
      return [{ key: node.series.messagesPerSecond, label: `${node.name} messages/s` }];
    case 'group':
      return [{ key: node.series.lag, label: `${node.name} lag` }];
    case 'table':
      return [
        { key: node.series.rowsPerSecond, label: `${node.label} rows/s` },
        { key: node.series.activeParts, label: `${node.label} active parts` },
      ];
    case 'dlq':
      return [{ key: node.series.messages, label: `${node.topic} dead letters` }];
    default:
      return [];
  }
}

/** Nodes in columns, left to right: topic → subject → deliveries → groups → table (+ dead letters). */
export function nodeColumns(nodes: LineageNode[]): LineageNode[][] {
  const order: LineageNode['kind'][][] = [['topic'], ['subject'], ['connector', 'kafka-engine'], ['group'], ['table', 'dlq']];
  return order.map((kinds) => nodes.filter((n) => kinds.includes(n.kind))).filter((column) => column.length > 0);
}
