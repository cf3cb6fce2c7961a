import type { StreamStatus } from '../../../lib/sse.ts';

const TEXT: Record<StreamStatus, string> = {
  connecting: 'Connecting…',
  open: 'Live',
  reconnecting: 'Reconnecting…',
  ended: 'Disconnected',
};

export function LiveIndicator({ status }: { status: StreamStatus }) {
  return (
    <span className={`live live-${status}`} role="status" title="Updates arrive over Server-Sent Events as Docker reports them">
      <span className="dot" aria-hidden="true" />
      {TEXT[status]}
    </span>
  );
}
