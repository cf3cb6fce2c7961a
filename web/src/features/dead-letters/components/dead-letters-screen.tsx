import { ErrorNotice } from '../../../components/error-notice.tsx';
import { PageHeader, Placeholder, Section } from '../../../components/page.tsx';
import { usePipelineList } from '../../../lib/queries/list-pipelines.ts';
import { setHashParam, useHashParam } from '../../../lib/use-hash-param.ts';
import { DeadLetterGroups } from './dead-letter-groups.tsx';
import './dead-letters.css';

/** Each pipeline's dead-letter topic: messages grouped by error, and redrive to the original topic after a fix. */
export function DeadLettersScreen() {
  const pipelines = usePipelineList();
  const chosen = useHashParam();
  const withDlq = (pipelines.data?.pipelines ?? []).filter((p) => p.dlqTopic);
  const current = chosen ?? withDlq[0]?.id ?? null;
  return (
    <div className="page dead-letters-screen">
      <PageHeader
        title="Dead letters"
        sub="Records a sink could not write, grouped by error, with where they came from; redrive them to their topic once the cause is fixed (the dead-letter topic keeps them)."
      />
      {pipelines.isError && (
        <ErrorNotice error={pipelines.error} doing="read the pipelines in connectors/" onRetry={() => void pipelines.refetch()} />
      )}
      {pipelines.isSuccess && withDlq.length === 0 && (
        <Placeholder>
          No pipeline in connectors/ has a dead-letter topic (errors.deadletterqueue.topic.name with errors.tolerance=all).
        </Placeholder>
      )}
      {withDlq.length > 0 && (
        <Section title="Pipeline">
          <div className="pipeline-pick" role="radiogroup" aria-label="Pipeline">
            {withDlq.map((p) => (
              <label key={p.id} className="check-inline">
                <input type="radio" name="pipeline" checked={current === p.id} onChange={() => setHashParam('dead-letters', p.id)} />
                <span className="mono">{p.id}</span> <span className="muted">→ {p.dlqTopic}</span>
              </label>
            ))}
          </div>
        </Section>
      )}
      {current && <DeadLetterGroups pipeline={current} />}
    </div>
  );
}
