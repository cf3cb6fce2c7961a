import type { Incompatibility, SchemaChange } from '@pipeline-panel/server/contracts';

export type ChangeTone = 'bad' | 'warn' | 'ok';

/** Breaking under the level: bad; safe but it would break a direction the level does not check, or needs care: warn. */
export function changeTone(change: SchemaChange): ChangeTone {
  if (change.breaking) return 'bad';
  if (change.breaks.length > 0 || /Note: /.test(change.reason)) return 'warn';
  return 'ok';
}

export const TONE_LABEL: Record<ChangeTone, string> = { bad: 'breaking', warn: 'caution', ok: 'safe' };

/** How a path reads in the list: the root type as "(root)". */
export function formatPath(path: string): string {
  return path === '' ? '(root)' : path;
}

/** "3 changes · 1 breaking under BACKWARD", or "No changes". */
export function changesSummary(changes: SchemaChange[], level: string): string {
  if (changes.length === 0) return 'No changes';
  const breaking = changes.filter((c) => c.breaking).length;
  return `${changes.length} change${changes.length === 1 ? '' : 's'} · ${breaking === 0 ? 'none breaking' : `${breaking} breaking`} under ${level}`;
}

/** Registry reasons first, then the panel's, each list in its own order. */
export function bySource(items: Incompatibility[]): { registry: Incompatibility[]; panel: Incompatibility[] } {
  return { registry: items.filter((i) => i.source === 'registry'), panel: items.filter((i) => i.source === 'panel') };
}
