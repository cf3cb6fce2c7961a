import { useEffect, useId, useRef } from 'react';
import type { ConnectorAction, ConnectorSummary, TaskPlacement } from '@pipeline-panel/server/contracts';
import { InlineError } from '../../../components/error-notice.tsx';
import { useHashParam } from '../../../lib/use-hash-param.ts';
import { useConnectorAction } from '../api/connector-action.ts';
import { availableActions, isFailed, shortClass, stateTone, taskSummary } from '../model/connector-look.ts';
import { ConnectorLagView } from './connector-lag.tsx';
import { TaskList } from './task-list.tsx';
import { TraceBlock } from './trace-block.tsx';

const ACTION_LABEL: Record<ConnectorAction, string> = { pause: 'Pause', resume: 'Resume', restart: 'Restart' };

export function ConnectorCard({
  connector,
  onDelete,
  movedOf,
}: {
  connector: ConnectorSummary;
  onDelete: (name: string) => void;
  movedOf?: (task: number) => TaskPlacement | undefined;
}) {
  const action = useConnectorAction(connector.name);
  const titleId = useId();
  const tone = stateTone(connector.state);
  const allowed = availableActions(connector.state);
  const busy = action.isPending ? action.variables : null;
  // #/connectors/<name> (the Consumer groups screen links here) brings this card into view.
  const linked = useHashParam() === connector.name;
  const card = useRef<HTMLElement>(null);
  useEffect(() => {
    if (linked) card.current?.scrollIntoView({ block: 'nearest' });
  }, [linked]);

  const button = (kind: ConnectorAction) => (
    <button
      type="button"
      className="btn btn-small"
      disabled={!allowed[kind] || action.isPending}
      aria-busy={busy === kind}
      aria-label={`${ACTION_LABEL[kind]} ${connector.name}`}
      onClick={() => action.mutate(kind)}
    >
      {busy === kind && <span className="spinner" aria-hidden="true" />}
      {ACTION_LABEL[kind]}
    </button>
  );

  return (
    <article
      ref={card}
      className={`connector-card tone-${isFailed(connector) ? 'bad' : tone}${linked ? ' linked' : ''}`}
      aria-labelledby={titleId}
      aria-current={linked || undefined}
    >
      <header className="connector-head">
        <div className="title-row">
          <h3 id={titleId} className="mono">
            {connector.name}
          </h3>
          <span className={`badge tone-${tone}`}>
            <span className="dot" aria-hidden="true" />
            {connector.state}
          </span>
        </div>
        <div className="actions">
          {button('pause')}
          {button('resume')}
          {button('restart')}
          <button type="button" className="btn btn-small btn-danger-quiet" aria-label={`Delete ${connector.name}`} onClick={() => onDelete(connector.name)}>
            Delete
          </button>
        </div>
      </header>
      <dl className="kv connector-facts">
        <dt>Class</dt>
        <dd className="mono" title={connector.connectorClass}>
          {shortClass(connector.connectorClass)} <span className="muted">({connector.type})</span>
        </dd>
        <dt>Topics</dt>
        <dd className="mono">{connector.topics.length > 0 ? connector.topics.join(', ') : '—'}</dd>
        <dt>Tasks</dt>
        <dd>{taskSummary(connector.tasks)}</dd>
        <dt>Lag</dt>
        <dd>
          <ConnectorLagView connector={connector} />
        </dd>
      </dl>
      {connector.trace && <TraceBlock title="Connector failure trace" trace={connector.trace} />}
      <TaskList connector={connector.name} tasks={connector.tasks} movedOf={movedOf} />
      {action.isSuccess && (
        <p className="field-hint" role="status">
          {action.data.message}
        </p>
      )}
      {action.isError && <InlineError error={action.error} />}
    </article>
  );
}
