import type { BrokersResponse, PartitionHealthIssue } from '@pipeline-panel/server/contracts';

/** One line for the brokers section's note: "3 brokers · 2 under-replicated · 1 offline" (or "all in sync"). */
export function replicationSummary(body: Pick<BrokersResponse, 'brokers' | 'totals'>): string {
  const live = body.brokers.filter((b) => b.live).length;
  const gone = body.brokers.length - live;
  const parts = [`${live} live broker${live === 1 ? '' : 's'}`];
  if (gone > 0) parts.push(`${gone} not in the cluster`);
  const { underReplicated, offline, partitions } = body.totals;
  if (underReplicated === 0 && offline === 0) parts.push(`all ${partitions} partitions in sync`);
  if (underReplicated > 0) parts.push(`${underReplicated} under-replicated`);
  if (offline > 0) parts.push(`${offline} offline`);
  return parts.join(' · ');
}

/** "ISR 1,3 of 1,2,3 — missing 2" for one flagged partition. */
export function issueDetail(issue: PartitionHealthIssue): string {
  const list = (ids: number[]) => (ids.length === 0 ? 'none' : ids.join(','));
  const leader = issue.leader < 0 ? 'no leader' : `leader ${issue.leader}`;
  return `${leader} · ISR ${list(issue.isr)} of ${list(issue.replicas)} — missing ${list(issue.missing)}`;
}

/** Per topic: its flag ("2 under-replicated", "1 offline"), for the topic list. */
export function topicFlags(body: Pick<BrokersResponse, 'topics'> | undefined): Map<string, { text: string; tone: 'bad' | 'warn' }> {
  const flags = new Map<string, { text: string; tone: 'bad' | 'warn' }>();
  for (const t of body?.topics ?? []) {
    const text = [t.offline > 0 ? `${t.offline} offline` : null, t.underReplicated > 0 ? `${t.underReplicated} under-replicated` : null]
      .filter(Boolean)
      .join(', ');
    flags.set(t.topic, { text, tone: t.offline > 0 ? 'bad' : 'warn' });
  }
  return flags;
}

/** Flagged partitions with the user's topics before Kafka's and Connect's own ("_…"), offline first within each. */
export function orderIssues(issues: PartitionHealthIssue[]): PartitionHealthIssue[] {
  const internal = (topic: string) => Number(topic.startsWith('_'));
  return [...issues].sort(
    (a, b) =>
      internal(a.topic) - internal(b.topic) ||
      Number(a.issue !== 'offline') - Number(b.issue !== 'offline') ||
      a.topic.localeCompare(b.topic) ||
      a.partition - b.partition,
  );
}
