import type { ProbeResult } from '@pipeline-panel/server/contracts';
import { DottedName } from '../../../components/dotted-name.tsx';
import { RichText } from '../../../components/rich-text.tsx';
import { formatElapsed } from '../../../lib/format.ts';
import { probeFacts } from '../model/probe-match.ts';

const TITLES: Record<ProbeResult['target'], string> = {
  kafka: 'Kafka probe',
  'schema-registry': 'Schema Registry probe',
  connect: 'Connect probe',
  clickhouse: 'ClickHouse probe',
};

/** What the panel learned by talking to the service itself, or why it could not. */
export function ProbeSummary({ probe }: { probe: ProbeResult }) {
  return (
    <div className={`probe ${probe.ok ? 'probe-ok' : 'probe-failed'}`}>
      <div className="probe-head">
        <span className="probe-title">{TITLES[probe.target]}</span>
        <span className="probe-verdict">
          {probe.ok ? 'answers' : 'no answer'} · {formatElapsed(probe.latencyMs)}
        </span>
      </div>
      {probe.ok ? (
        <dl className="facts">
          {probeFacts(probe).map((fact) =>
            fact.items ? (
              <div key={fact.name} className="facts-wide">
                <dt>{fact.name}</dt>
                <dd>
                  <ul className="facts-list">
                    {fact.items.map((item) => (
                      <li key={item} className="mono">
                        <DottedName name={item} />
                      </li>
                    ))}
                  </ul>
                </dd>
              </div>
            ) : (
              <div key={fact.name}>
                <dt>{fact.name}</dt>
                <dd>{fact.value}</dd>
              </div>
            ),
          )}
        </dl>
      ) : (
        <>
          <p className="probe-reason">
            <RichText text={probe.reason} />
          </p>
          {probe.hint && (
            <p className="probe-hint">
              <RichText text={probe.hint} />
            </p>
          )}
        </>
      )}
    </div>
  );
}
