import type { LineageNode } from '@pipeline-panel/server/contracts';
import type { FiguresStore } from '../model/figures-store.ts';
import { KIND_LABEL, nodeCharts, nodeFigures } from '../model/node-figures.ts';
import { SparkChart } from './spark-chart.tsx';

const CHART_COLOR: Partial<Record<LineageNode['kind'], string>> = { topic: '#4f46e5', group: '#b45309', table: '#15803d', dlq: '#c81e1e' };

/** One node of a lineage graph: kind, name linking to its screen, its figures and small live charts. */
export function LineageNodeCard({ node, store, now }: { node: LineageNode; store: FiguresStore; now: number }) {
  const figures = nodeFigures(node, now, (key) => store.latest(key));
  return (
    <article className={`lineage-node status-${node.status}`} aria-label={`${KIND_LABEL[node.kind]} ${node.label}`} data-node={node.id}>
      <header className="lineage-node-head">
        <span className="lineage-kind">{KIND_LABEL[node.kind]}</span>
        <span className={`lineage-dot status-${node.status}`} title={node.status} aria-label={`status ${node.status}`} />
      </header>
      <a className="lineage-name" href={node.link} title={`Open ${node.label}`}>
        {node.label}
      </a>
      <dl className="lineage-figures">
        {figures.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {nodeCharts(node).map((chart) => (
        <SparkChart
          key={chart.key}
          store={store}
          series={chart.key}
          label={`${chart.label}, last 15 minutes`}
          color={CHART_COLOR[node.kind]}
        />
      ))}
    </article>
  );
}
