import type { ConfigDiffEntry } from '../contracts/connectors.ts';

/**
 * Keys whose values differ between a file's config and the deployed one. Connect adds `name` to every stored
 * config, so `name` only counts when the file sets it to something else.
 */
export function diffConfigs(name: string, file: Record<string, string>, deployed: Record<string, string> | null): ConfigDiffEntry[] {
  const keys = new Set([...Object.keys(file), ...Object.keys(deployed ?? {})]);
  const diff: ConfigDiffEntry[] = [];
  for (const key of [...keys].sort()) {
    const inFile = file[key] ?? null;
    let inDeployed = deployed ? (deployed[key] ?? null) : null;
    if (key === 'name' && inFile === null && inDeployed === name) continue;
    if (key === 'name' && inFile === name && deployed && inDeployed === null) inDeployed = name;
    if (inFile !== inDeployed) diff.push({ key, file: inFile, deployed: inDeployed });
  }
  return diff;
}
