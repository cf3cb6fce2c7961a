import type { PublishedPort } from '@pipeline-panel/server/contracts';

/** Compact human duration: "45s", "4m 12s", "2h 05m", "3d 4h". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  const totalSeconds = Math.floor(ms / 1000);
  const days = Math.floor(totalSeconds / 86_400);
  const hours = Math.floor((totalSeconds % 86_400) / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  if (days > 0) return `${days}d ${hours}h`;
  if (hours > 0) return `${hours}h ${String(minutes).padStart(2, '0')}m`;
  if (minutes > 0) return `${minutes}m ${String(seconds).padStart(2, '0')}s`;
  return `${seconds}s`;
}

/** Uptime from an ISO start time; null when the container has not started or the time is unreadable. */
export function uptimeMs(startedAt: string | null, now: number): number | null {
  if (!startedAt) return null;
  const started = Date.parse(startedAt);
  if (Number.isNaN(started)) return null;
  return Math.max(0, now - started);
}

/** Short latency/elapsed form for small numbers: "850 ms", "1.2 s", "2m 03s". */
export function formatElapsed(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return formatDuration(ms);
}

/**
 * How old a list is, from the `fetchedAt` the server sends with it: "updated just now", "updated 3 s ago",
 * "updated 2m 05s ago"; null when the time is unreadable. The panel keeps metadata reads about two seconds.
 */
export function formatDataAge(fetchedAt: string, now: number): string | null {
  const at = Date.parse(fetchedAt);
  if (Number.isNaN(at)) return null;
  const age = Math.max(0, now - at);
  if (age < 1000) return 'updated just now';
  if (age < 60_000) return `updated ${Math.floor(age / 1000)} s ago`;
  return `updated ${formatDuration(age)} ago`;
}

/** "127.0.0.1:9092 → 9092/tcp" */
export function formatPort(port: PublishedPort): string {
  const wildcard = port.hostIp === '' || port.hostIp === '0.0.0.0' || port.hostIp === '::';
  const host = wildcard ? '' : `${port.hostIp}:`;
  return `${host}${port.hostPort} → ${port.containerPort}/${port.protocol}`;
}

/** The local time of day of an ISO timestamp ("14:03:07"); the text itself when unreadable. */
export function formatClock(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleTimeString([], { hour12: false });
}
