import type { ReplicaInfo } from '@pipeline-panel/server/contracts';

export function replicaTone(status: ReplicaInfo['status']): 'ok' | 'warn' | 'bad' {
  return status === 'ok' ? 'ok' : status === 'lagging' ? 'warn' : 'bad';
}

/** "in sync", "42 s", "5 min 3 s", "2 h 1 min". */
export function formatReplicaDelay(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s === 0) return 'in sync';
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`;
  const minutes = Math.floor((s % 3600) / 60);
  return `${Math.floor(s / 3600)} h${minutes ? ` ${minutes} min` : ''}`;
}
