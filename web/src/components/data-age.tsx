import { formatDataAge } from '../lib/format.ts';
import { useNow } from '../lib/use-now.ts';

/** "updated 3 s ago" for a list's `fetchedAt`, ticking every second; the exact time on hover. */
export function DataAge({ fetchedAt }: { fetchedAt: string | undefined }) {
  const now = useNow(1000);
  const text = fetchedAt ? formatDataAge(fetchedAt, now) : null;
  if (!text) return null;
  return (
    <span className="data-age" title={`Read from the service at ${new Date(fetchedAt!).toLocaleTimeString()}`}>
      {text}
    </span>
  );
}
