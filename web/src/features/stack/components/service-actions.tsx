import { useState } from 'react';
import type { ServiceAction, ServiceStatus } from '@pipeline-panel/server/contracts';
import { RichText } from '../../../components/rich-text.tsx';
import { useServiceAction } from '../api/service-action.ts';
import { availableActions } from '../model/service-look.ts';
import { StopDialog } from './stop-dialog.tsx';

interface Props {
  service: ServiceStatus;
  dependents: string[];
  onShowLogs: (service: string) => void;
}

const LABELS: Record<ServiceAction, { idle: string; busy: string }> = {
  start: { idle: 'Start', busy: 'Starting…' },
  stop: { idle: 'Stop', busy: 'Stopping…' },
  restart: { idle: 'Restart', busy: 'Restarting…' },
};

export function ServiceActions({ service, dependents, onShowLogs }: Props) {
  const name = service.service;
  const action = useServiceAction(name);
  const [confirmingStop, setConfirmingStop] = useState(false);
  const allowed = availableActions(service.state);
  const busyWith = action.isPending ? action.variables : null;

  const button = (kind: ServiceAction, onClick: () => void, className = 'btn') => (
    <button
      type="button"
      className={className}
      aria-label={`${LABELS[kind].idle} ${name}`}
      disabled={!allowed[kind] || action.isPending}
      aria-busy={busyWith === kind}
      onClick={onClick}
    >
      {busyWith === kind && <span className="spinner" aria-hidden="true" />}
      {busyWith === kind ? LABELS[kind].busy : LABELS[kind].idle}
    </button>
  );

  return (
    <>
      <div className="card-actions">
        {allowed.stop
          ? button('stop', () => setConfirmingStop(true), 'btn btn-danger-quiet')
          : button('start', () => action.mutate('start'))}
        {button('restart', () => action.mutate('restart'))}
        <button
          type="button"
          className="btn btn-ghost"
          aria-label={`Logs of ${name}`}
          disabled={service.state === 'not-created'}
          onClick={() => onShowLogs(name)}
        >
          Logs
        </button>
      </div>
      <p className={`action-message ${action.isError ? 'is-error' : ''}`} role="status" aria-live="polite">
        {action.isError && (
          <>
            <strong>{LABELS[action.variables ?? 'restart'].idle} failed:</strong> <RichText text={action.error.message} />
            {action.error.code && <code className="code-tag">{action.error.code}</code>}
          </>
        )}
        {action.isSuccess && <RichText text={action.data.message} />}
      </p>
      <StopDialog
        service={confirmingStop ? name : null}
        dependents={dependents}
        onCancel={() => setConfirmingStop(false)}
        onConfirm={() => {
          setConfirmingStop(false);
          action.mutate('stop');
        }}
      />
    </>
  );
}
