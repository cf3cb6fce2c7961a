import { useLayoutEffect, useRef, useState } from 'react';
import type { DependencyCondition, OrderingGraph, ServiceStatus } from '@pipeline-panel/server/contracts';
import { formatElapsed } from '../../../lib/format.ts';
import { serviceLook } from '../model/service-look.ts';
import { connectorPath, waveLayout, type Box } from '../model/wave-layout.ts';

interface Props {
  graph: OrderingGraph;
  services: ServiceStatus[];
}

const CONDITION_TEXT: Record<DependencyCondition, string> = {
  service_healthy: 'waits until healthy',
  service_started: 'waits until started',
  service_completed_successfully: 'waits until it exits successfully',
};

interface DrawnLink {
  key: string;
  d: string;
  condition: string;
}

function nodeDetail(status: ServiceStatus | undefined): string {
  if (!status) return 'not declared';
  const look = serviceLook(status);
  if (status.timeToHealthyMs !== null && status.health === 'healthy') return `${look.label} in ${formatElapsed(status.timeToHealthyMs)}`;
  if (!status.hasHealthcheck && status.state === 'running') return 'running · no healthcheck';
  return look.label;
}

/** The depends_on graph as start-up waves: each column may start once every column to its left is up. */
export function StartupGraph({ graph, services }: Props) {
  const layout = waveLayout(graph);
  const conditions = [...new Set(layout.links.map((l) => l.condition))];
  const byName = new Map(services.map((s) => [s.service, s]));
  const container = useRef<HTMLDivElement>(null);
  const nodes = useRef(new Map<string, HTMLElement>());
  const [links, setLinks] = useState<DrawnLink[]>([]);
  const [size, setSize] = useState({ width: 0, height: 0 });

  // Connectors follow the nodes wherever CSS grid put them (side by side when wide, stacked when narrow).
  useLayoutEffect(() => {
    const root = container.current;
    if (!root) return;
    const measure = () => {
      const origin = root.getBoundingClientRect();
      const boxOf = (name: string): Box | null => {
        const rect = nodes.current.get(name)?.getBoundingClientRect();
        return rect
          ? { left: rect.left - origin.left, right: rect.right - origin.left, top: rect.top - origin.top, bottom: rect.bottom - origin.top }
          : null;
      };
      const boxes = new Map([...nodes.current.keys()].map((name) => [name, boxOf(name)]));
      const next: DrawnLink[] = [];
      for (const link of layout.links) {
        const from = boxes.get(link.from);
        const to = boxes.get(link.to);
        const others = [...boxes].filter(([name, b]) => b && name !== link.from && name !== link.to).map(([, b]) => b!);
        const d = from && to ? connectorPath(from, to, others) : null;
        if (d) next.push({ key: `${link.from}->${link.to}`, d, condition: link.condition });
      }
      setLinks((prev) => (JSON.stringify(prev) === JSON.stringify(next) ? prev : next));
      setSize((prev) =>
        prev.width === origin.width && prev.height === origin.height ? prev : { width: origin.width, height: origin.height },
      );
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(root);
    return () => observer.disconnect();
  });

  return (
    <div className="graph" ref={container}>
      <svg className="graph-links" width={size.width} height={size.height} aria-hidden="true">
        <defs>
          <marker id="graph-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M 0 0 L 10 5 L 0 10 z" />
          </marker>
        </defs>
        {links.map((link) => (
          <path key={link.key} d={link.d} className={`link link-${link.condition}`} markerEnd="url(#graph-arrow)" />
        ))}
      </svg>
      <ol className="waves" aria-label="Start-up order">
        {layout.columns.map((column) => (
          <li key={column.key} className="wave" aria-label={`${column.label}: ${column.services.join(', ')}`}>
            <h3 className="wave-title">{column.label}</h3>
            <ul className="wave-nodes">
              {column.services.map((name) => {
                const status = byName.get(name);
                const tone = status ? serviceLook(status).tone : 'idle';
                return (
                  <li
                    key={name}
                    className={`node tone-${tone}`}
                    ref={(el) => {
                      if (el) nodes.current.set(name, el);
                      else nodes.current.delete(name);
                    }}
                  >
                    <span className="dot" aria-hidden="true" />
                    <span className="node-text">
                      <span className="node-name">{name}</span>
                      <span className="node-detail">{nodeDetail(status)}</span>
                    </span>
                  </li>
                );
              })}
            </ul>
          </li>
        ))}
      </ol>
      {conditions.length > 0 && (
        <p className="graph-legend">
          {conditions.map((condition) => (
            <span key={condition} className="legend-item">
              <svg width="28" height="8" aria-hidden="true">
                <path d="M0 4 H28" className={`link link-${condition}`} />
              </svg>
              {CONDITION_TEXT[condition]}
            </span>
          ))}
        </p>
      )}
    </div>
  );
}
