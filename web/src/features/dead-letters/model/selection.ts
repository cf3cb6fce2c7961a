/** Selected dead letters by "partition/offset". */
export const letterId = (m: { partition: number; offset: number }) => `${m.partition}/${m.offset}`;

export function parseLetterId(id: string): { partition: number; offset: number } {
  const [partition, offset] = id.split('/').map(Number);
  return { partition: partition ?? 0, offset: offset ?? 0 };
}

export function toggle(selected: ReadonlySet<string>, id: string): Set<string> {
  const next = new Set(selected);
  if (next.has(id)) next.delete(id);
  else next.add(id);
  return next;
}
