import { useId } from 'react';
import type { ProbeResult, ServiceStatus } from '@pipeline-panel/server/contracts';
import { formatElapsed, formatPort } from '../../../lib/format.ts';
import { healthyIn, serviceLook } from '../model/service-look.ts';
import { HealthBadge } from './health-badge.tsx';
import { ProbeSummary } from './probe-summary.tsx';
import { ServiceActions } from './service-actions.tsx';
import { Uptime } from './uptime.tsx';

interface Props {
  service: ServiceStatus;
  probe: ProbeResult | undefined;
  dependents: string[];
  onShowLogs: (service: string) => void;
}

export function ServiceCard({ service, probe, dependents, onShowLogs }: Props) {
  const titleId = useId();
  const look = serviceLook(service);
  const healthy = healthyIn(service, formatElapsed);
  const running = service.state === 'running';

  return (
    <article className={`card service-card tone-${look.tone}`} aria-labelledby={titleId}>
      <header className="card-head">
        <h3 id={titleId} className="card-title">
          {service.service}
        </h3>
        <HealthBadge look={look} />
      </header>

      <dl className="meta">
        <div>
          <dt>Uptime</dt>
          <dd>
            <Uptime startedAt={service.startedAt} running={running} />
          </dd>
        </div>
        <div>
          <dt>Healthy in</dt>
          <dd>
            <span className={healthy.known ? undefined : 'muted'} title={healthy.title}>
              {healthy.text}
            </span>
          </dd>
        </div>
        <div>
          <dt>Restarts</dt>
          <dd>{service.restartCount}</dd>
        </div>
        <div className="meta-wide">
          <dt>Image</dt>
          <dd className="mono truncate" title={service.image ?? undefined}>
            {service.image ?? <span className="muted">—</span>}
          </dd>
        </div>
        <div className="meta-wide">
          <dt>Ports</dt>
          <dd>
            {service.ports.length === 0 ? (
              <span className="muted">none published</span>
            ) : (
              <ul className="chips">
                {service.ports.map((port) => (
                  <li key={`${port.hostIp}:${port.hostPort}/${port.protocol}`} className="chip mono">
                    {formatPort(port)}
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </div>
      </dl>

      {service.state === 'not-created' && (
        <p className="card-hint">
          No container yet. <code>pnpm start</code> creates it.
        </p>
      )}
      {probe && <ProbeSummary probe={probe} />}
      <ServiceActions service={service} dependents={dependents} onShowLogs={onShowLogs} />
    </article>
  );
}
