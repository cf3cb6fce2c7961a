import type { PipelineGraph } from '@pipeline-panel/server/contracts';
import { Section } from '../../../components/page.tsx';
import type { FiguresStore } from '../model/figures-store.ts';
import { nodeColumns } from '../model/node-figures.ts';
import { LineageNodeCard } from './lineage-node.tsx';

const ORIGIN: Record<PipelineGraph['origins'][number], string> = {
  file: 'connectors/ file',
  connect: 'deployed on Connect',
  'kafka-engine': 'Kafka-engine table',
};

/** One pipeline: its problems with the fix first, then the graph, left to right. */
export function PipelineCard({ pipeline, store, now }: { pipeline: PipelineGraph; store: FiguresStore; now: number }) {
  return (
    <Section
      title={pipeline.id}
      className={`pipeline-card status-${pipeline.status}`}
      note={`${pipeline.topic} → ${pipeline.target} · found as ${pipeline.origins.map((o) => ORIGIN[o]).join(', ')}`}
    >
      {pipeline.problems.length > 0 && (
        <ul className="lineage-problems" aria-label={`Problems of ${pipeline.id}`}>
          {pipeline.problems.map((p) => (
            <li key={`${p.rule}-${p.node}-${p.message}`} className={`lineage-problem tone-${p.severity}`} data-rule={p.rule}>
              <strong>{p.message}</strong>
              <span className="lineage-fix">Fix: {p.fix}</span>
            </li>
          ))}
        </ul>
      )}
      <div className="lineage-graph" role="list" aria-label={`Lineage of ${pipeline.id}`}>
        {nodeColumns(pipeline.nodes).map((column, i) => (
          <div className="lineage-column" role="listitem" key={i}>
            {column.map((node) => (
              <LineageNodeCard key={node.id} node={node} store={store} now={now} />
            ))}
          </div>
        ))}
      </div>
    </Section>
  );
}
