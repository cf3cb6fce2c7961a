import { formatDuration, uptimeMs } from '../../../lib/format.ts';
import { useNow } from '../../../lib/use-now.ts';

export function Uptime({ startedAt, running }: { startedAt: string | null; running: boolean }) {
  const now = useNow();
  const ms = running ? uptimeMs(startedAt, now) : null;
  if (ms === null) return <span className="muted">—</span>;
  return (
    <time dateTime={startedAt ?? undefined} title={`Started ${new Date(startedAt ?? 0).toLocaleString()}`}>
      {formatDuration(ms)}
    </time>
  );
}
