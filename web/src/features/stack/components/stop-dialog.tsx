import { ModalDialog } from '../../../components/modal-dialog.tsx';

interface Props {
  service: string | null;
  dependents: string[];
  onCancel: () => void;
  onConfirm: (service: string) => void;
}

export function StopDialog({ service, dependents, onCancel, onConfirm }: Props) {
  return (
    <ModalDialog open={service !== null} title={`Stop ${service ?? ''}?`} onClose={onCancel}>
      <div className="modal-body">
        <p>
          The <strong>{service}</strong> container will be stopped. Its data stays; <em>Start</em> brings it back.
        </p>
        {dependents.length > 0 && (
          <p className="warn-text">
            Services that wait for it: <strong>{dependents.join(', ')}</strong>. They keep running but may fail until it is back.
          </p>
        )}
        <div className="modal-actions">
          <button type="button" className="btn" onClick={onCancel} autoFocus>
            Cancel
          </button>
          <button type="button" className="btn btn-danger" onClick={() => service && onConfirm(service)}>
            Stop {service}
          </button>
        </div>
      </div>
    </ModalDialog>
  );
}
