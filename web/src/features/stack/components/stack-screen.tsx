import { useCallback, useState } from 'react';
import { Notice } from '../../../components/notice.tsx';
import { usePanelConfig } from '../../../lib/panel-config.ts';
import { PageHeader } from '../../../components/page.tsx';
import { useProbes } from '../api/get-probes.ts';
import { useStackSnapshot } from '../api/get-stack.ts';
import { matchProbes } from '../model/probe-match.ts';
import { overallLook } from '../model/service-look.ts';
import { stackSituation } from '../model/stack-situation.ts';
import { ChangeAnnouncer } from './change-announcer.tsx';
import { GraphProblems } from './graph-problems.tsx';
import { HealthBadge } from './health-badge.tsx';
import { LiveIndicator } from './live-indicator.tsx';
import { LogsDrawer } from './logs-drawer.tsx';
import { ProbeSummary } from './probe-summary.tsx';
import { RemoteStack } from './remote-stack.tsx';
import { ServiceCard } from './service-card.tsx';
import { StackNotice } from './stack-notices.tsx';
import { StartupGraph } from './startup-graph.tsx';
import './stack.css';

const COMPOSE_SOURCE = {
  'compose-cli': 'read by docker compose config',
  'panel-parser': "read by the panel's own parser (no Compose v2 CLI found)",
} as const;

export function StackScreen() {
  const config = usePanelConfig();
  if (config.data?.remote) return <RemoteStack remote={config.data.remote} />;
  return <ComposeStack />;
}

function ComposeStack() {
  const stack = useStackSnapshot();
  const snapshot = stack.data;
  const base = stackSituation(snapshot, stack.error);
  const probes = useProbes(base.kind === 'ready' || base.kind === 'not-started');
  const situation = stackSituation(snapshot, stack.error, probes.data);
  const [logsFor, setLogsFor] = useState<string | null>(null);
  const closeLogs = useCallback(() => setLogsFor(null), []);

  const services = snapshot?.services ?? [];
  const { byService, unmatched } = matchProbes(
    services.map((s) => s.service),
    probes.data ?? [],
  );
  const dependentsOf = (name: string) => snapshot?.graph.edges.filter((e) => e.to === name).map((e) => e.from) ?? [];
  const showCards = situation.kind === 'ready' || situation.kind === 'not-started' || situation.kind === 'elsewhere';

  return (
    <div className="stack-screen">
      <PageHeader
        title="Stack"
        sub={
          snapshot && (
            <>
              Project <strong>{snapshot.project}</strong> · <span className="mono">{snapshot.composeFile}</span>
              {snapshot.composeSource && <> · {COMPOSE_SOURCE[snapshot.composeSource]}</>}
            </>
          )
        }
        actions={
          <div className="screen-status">
            {snapshot?.dockerReachable && <HealthBadge look={overallLook(snapshot.overall)} />}
            <LiveIndicator status={stack.live} />
          </div>
        }
      />

      <StackNotice situation={situation} onRetry={() => void stack.refetch()} />
      {snapshot?.composeError && (
        <Notice tone="bad" title="The compose file could not be read">
          <p className="mono">{snapshot.composeError}</p>
          <p>
            Fix <code>{snapshot.composeFile}</code> (check it with <code>docker compose config</code>), then reload this page.
          </p>
        </Notice>
      )}

      {snapshot && (
        <>
          <section className="panel" aria-labelledby="startup-title">
            <div className="panel-head">
              <h2 id="startup-title">Start-up order</h2>
              <p className="muted">From depends_on: each wave starts once the waves before it are up.</p>
            </div>
            <GraphProblems problems={snapshot.graph.problems} />
            {snapshot.graph.services.length === 0 ? (
              <p className="muted">The compose file declares no services.</p>
            ) : (
              <StartupGraph graph={snapshot.graph} services={services} />
            )}
          </section>

          {showCards && (
            <section aria-labelledby="services-title">
              <div className="panel-head">
                <h2 id="services-title">Services</h2>
                <p className="muted">
                  {services.length} declared · {services.filter((s) => s.state === 'running').length} running
                </p>
              </div>
              <div className="card-grid">
                {services.map((service) => (
                  <ServiceCard
                    key={service.service}
                    service={service}
                    probe={byService.get(service.service)}
                    dependents={dependentsOf(service.service)}
                    onShowLogs={setLogsFor}
                  />
                ))}
              </div>
            </section>
          )}

          {showCards && unmatched.length > 0 && (
            <section aria-labelledby="probes-title">
              <div className="panel-head">
                <h2 id="probes-title">Other probes</h2>
                <p className="muted">Checks for parts of the pipeline this compose project does not declare as services.</p>
              </div>
              <div className="probe-grid">
                {unmatched.map((probe) => (
                  <ProbeSummary key={probe.target} probe={probe} />
                ))}
              </div>
            </section>
          )}
          {probes.isError && <p className="muted">Probes unavailable: {probes.error.message}</p>}
          <ChangeAnnouncer services={services} />
        </>
      )}

      {logsFor && (
        <LogsDrawer service={logsFor} startedAt={services.find((s) => s.service === logsFor)?.startedAt ?? null} onClose={closeLogs} />
      )}
    </div>
  );
}
