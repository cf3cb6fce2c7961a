import type { ProbeResult, RemoteModeInfo } from '@pipeline-panel/server/contracts';
import { Notice } from '../../../components/notice.tsx';
import { PageHeader } from '../../../components/page.tsx';
import { useProbes } from '../api/get-probes.ts';
import { ProbeSummary } from './probe-summary.tsx';
import './stack.css';

const NAMES: Record<ProbeResult['target'], string> = {
  kafka: 'Kafka',
  'schema-registry': 'Schema Registry',
  connect: 'Kafka Connect',
  clickhouse: 'ClickHouse',
};

/** Remote mode: no containers to show or act on; each endpoint, how the panel authenticates to it, and its probe. */
export function RemoteStack({ remote }: { remote: RemoteModeInfo }) {
  const probes = useProbes(true);
  const byTarget = new Map((probes.data ?? []).map((p) => [p.target, p]));
  return (
    <div className="stack-screen">
      <PageHeader title="Stack" sub={<>Remote endpoints · no compose project</>} />
      <Notice tone="info" title="Start, stop and reset are not available">
        <p>{remote.reason}</p>
      </Notice>
      <section aria-labelledby="endpoints-title">
        <div className="panel-head">
          <h2 id="endpoints-title">Endpoints</h2>
          <p className="muted">What the panel connects to, and how it authenticates (passwords are never shown).</p>
        </div>
        <div className="probe-grid">
          {remote.endpoints.map((endpoint) => {
            const probe = byTarget.get(endpoint.target);
            return (
              <article key={endpoint.target} className="panel remote-endpoint" aria-label={NAMES[endpoint.target]}>
                <h3>{NAMES[endpoint.target]}</h3>
                <dl className="facts">
                  <div>
                    <dt>address</dt>
                    <dd className="mono">{endpoint.address}</dd>
                  </div>
                  <div>
                    <dt>security</dt>
                    <dd>{endpoint.security}</dd>
                  </div>
                </dl>
                {probe ? <ProbeSummary probe={probe} /> : <p className="muted">Probing…</p>}
              </article>
            );
          })}
        </div>
        {probes.isError && <p className="muted">Probes unavailable: {probes.error.message}</p>}
      </section>
    </div>
  );
}
