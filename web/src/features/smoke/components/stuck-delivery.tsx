import type { DeliveryStuckDetails, SmokeFailure } from '@pipeline-panel/server/contracts';
import { formatMs } from '../model/smoke-run.ts';

function noEvidence(stuck: DeliveryStuckDetails): string {
  if (stuck.connectLog === 'unavailable')
    return "Connect's log could not be read (the panel has no Docker access, or Connect is not a service of this compose project): docker compose logs connect shows it.";
  if (stuck.kind === 'kafka-engine')
    return 'ClickHouse reported no consumer exception for the Kafka table since the records were produced.';
  return "Connect's log has no ERROR or WARN line about this connector since the records were produced.";
}

/** A delivery retrying one batch (code DELIVERY_STUCK): where it stands, the sink's own words, and the fix. */
export function StuckDelivery({ failure, stuck }: { failure: SmokeFailure; stuck: DeliveryStuckDetails }) {
  const who = stuck.kind === 'connector' ? `The sink connector ${stuck.via}` : `ClickHouse's Kafka engine (${stuck.via})`;
  const source = stuck.kind === 'connector' ? "Connect's log" : 'system.kafka_consumers';
  return (
    <div className="smoke-failure smoke-stuck" role="alert" data-failure="DELIVERY_STUCK">
      <p>
        <strong>{failure.service}:</strong> {who} is retrying one batch and makes no progress; every later record of the topic waits behind
        it.
      </p>
      <dl className="kv smoke-stuck-facts" aria-label="Stuck delivery">
        <dt>Consumer group</dt>
        <dd className="mono">{stuck.group}</dd>
        <dt>Lag</dt>
        <dd>{stuck.lag === null ? 'unknown' : `${stuck.lag.toLocaleString('en')} record(s) waiting`}</dd>
        <dt>Committed offsets</dt>
        <dd>{stuck.committed === null ? 'none yet' : stuck.committed.toLocaleString('en')}</dd>
        <dt>No progress for</dt>
        <dd>{formatMs(stuck.stalledMs)}</dd>
        {stuck.cause && (
          <>
            <dt>Cause</dt>
            <dd>{stuck.cause}</dd>
          </>
        )}
      </dl>
      {stuck.evidence.length > 0 ? (
        <figure className="smoke-quotes">
          <figcaption>{source}, newest lines</figcaption>
          <ul aria-label={`Quoted from ${source}`}>
            {stuck.evidence.map((line, i) => (
              <li key={i}>
                <q className="mono">{line}</q>
              </li>
            ))}
          </ul>
        </figure>
      ) : (
        <p className="muted">{noEvidence(stuck)}</p>
      )}
      {stuck.trace && (
        <details>
          <summary>Task trace</summary>
          <pre className="smoke-trace">{stuck.trace}</pre>
        </details>
      )}
      <p>
        <strong>Fix:</strong> <span className="smoke-failure-fix">{failure.fix}</span>
      </p>
      <details>
        <summary>Full message</summary>
        <p className="smoke-failure-message">{failure.message}</p>
      </details>
    </div>
  );
}
