import { ErrorNotice } from '../../../components/error-notice.tsx';
import { Notice } from '../../../components/notice.tsx';
import { PageHeader, Placeholder } from '../../../components/page.tsx';
import { useNow } from '../../../lib/use-now.ts';
import { useFiguresStream, useFiguresVersion } from '../api/figures-stream.ts';
import { usePipelinesGraph } from '../api/get-pipelines-graph.ts';
import { PipelineCard } from './pipeline-card.tsx';
import './pipelines.css';

/** Every pipeline as a graph topic → subject → delivery → group → table, live figures and the problems with their fix. */
export function PipelinesScreen() {
  const graph = usePipelinesGraph();
  const { store, status } = useFiguresStream();
  useFiguresVersion(store);
  const now = useNow(1000);
  const down = graph.data?.sources.filter((s) => !s.ok) ?? [];

  return (
    <div className="page pipelines-screen">
      <PageHeader
        title="Pipelines"
        sub={
          <>
            What flows from each topic to its table, and what is stuck. Charts: the last 15 minutes, sampled every{' '}
            {(graph.data?.sampling.intervalMs ?? 2000) / 1000} s while this screen is open
            <span className="muted" aria-live="polite">
              {' '}
              · live figures {status === 'open' ? `on (${store.sampleCount} samples)` : status}
            </span>
          </>
        }
        actions={
          <button type="button" className="btn" onClick={() => void graph.refetch()} disabled={graph.isFetching}>
            Refresh
          </button>
        }
      />
      {graph.isError && <ErrorNotice error={graph.error} doing="read the pipelines" onRetry={() => void graph.refetch()} />}
      {down.map((s) => (
        <Notice key={s.service} tone="warn" title={`${s.service} did not answer`}>
          {s.error} — what it would tell is shown as unknown; the rest is read from the other services.
        </Notice>
      ))}
      {graph.isPending && <Placeholder>Reading the pipelines…</Placeholder>}
      {graph.isSuccess && graph.data.pipelines.length === 0 && (
        <Placeholder>
          No pipelines yet: add a ClickHouse sink file to connectors/ (or use <a href="#/wizard">New pipeline</a>).
        </Placeholder>
      )}
      {graph.data?.pipelines.map((p) => (
        <PipelineCard key={p.id} pipeline={p} store={store} now={now} />
      ))}
      {graph.data && graph.data.skipped.length > 0 && (
        <p className="muted">Not pipelines: {graph.data.skipped.map((s) => `connectors/${s.file} (${s.reason})`).join('; ')}</p>
      )}
    </div>
  );
}
