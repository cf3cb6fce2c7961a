import type { ConfigDiffEntry, ConnectorFile, DeployResult } from '@pipeline-panel/server/contracts';

export type DiffKind = 'added' | 'removed' | 'changed';

/** added: only in the file (deploy adds it); removed: only deployed (deploy drops it); changed: both, different. */
export function diffKind(entry: ConfigDiffEntry): DiffKind {
  if (entry.deployed === null) return 'added';
  if (entry.file === null) return 'removed';
  return 'changed';
}

/** Diff rows sorted by key so the same change always reads the same way. */
export function sortedDiff(diff: ConfigDiffEntry[]): (ConfigDiffEntry & { kind: DiffKind })[] {
  return [...diff].sort((a, b) => a.key.localeCompare(b.key)).map((entry) => ({ ...entry, kind: diffKind(entry) }));
}

export type FileStatus = { tone: 'ok' | 'warn' | 'idle' | 'bad'; label: string };

/** Where a file in connectors/ stands against the worker. */
export function fileStatus(file: ConnectorFile): FileStatus {
  if (file.error) return { tone: 'bad', label: 'unreadable' };
  if (!file.deployed) return { tone: 'idle', label: 'not deployed' };
  if (file.diff.length === 0) return { tone: 'ok', label: 'deployed · in sync' };
  return { tone: 'warn', label: `deployed · ${file.diff.length} ${file.diff.length === 1 ? 'key differs' : 'keys differ'}` };
}

/** What Deploy did, in one sentence. */
export function describeDeploy(result: Pick<DeployResult, 'name' | 'created' | 'changed' | 'diff'>): string {
  if (result.created) return `Created ${result.name} with ${result.diff.length} config ${result.diff.length === 1 ? 'key' : 'keys'}.`;
  if (result.changed) return `Updated ${result.name}: ${result.diff.length} ${result.diff.length === 1 ? 'key' : 'keys'} changed.`;
  return `${result.name} unchanged: the deployed config already matches the file.`;
}

/** The deploy button's label for a file's state. */
export function deployLabel(file: Pick<ConnectorFile, 'deployed' | 'diff'>): string {
  if (!file.deployed) return 'Deploy';
  return file.diff.length === 0 ? 'Redeploy' : 'Update';
}
