/** Which topics a ClickHouse sink connector config reads and the table each one goes to (docs/upstream-facts.md §5). */

/** The sink writes topic T to table T unless topic2TableMap ("t1=tbl1,t2=tbl2") maps it. */
export function sinkTargets(config: Record<string, string>): { topic: string; table: string }[] {
  const mapping = new Map<string, string>();
  for (const pair of (config['topic2TableMap'] ?? '').split(',')) {
    const [topic, table] = pair.split('=').map((s) => s.trim());
    if (topic && table) mapping.set(topic, table);
  }
  return (config['topics'] ?? '')
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '')
    .map((topic) => ({ topic, table: mapping.get(topic) ?? topic }));
}

/** The topics among `topicNames` a `topics.regex` matches (Connect matches the whole name); none for a bad pattern. */
export function regexTopics(pattern: string, topicNames: string[]): string[] {
  let regex: RegExp;
  try {
    regex = new RegExp(`^(?:${pattern})$`);
  } catch {
    return [];
  }
  return topicNames.filter((t) => regex.test(t));
}

/** The table a topic goes to under topic2TableMap (the topic's own name when unmapped). */
export function tableForTopic(config: Record<string, string>, topic: string): string {
  for (const pair of (config['topic2TableMap'] ?? '').split(',')) {
    const [from, table] = pair.split('=').map((s) => s.trim());
    if (from === topic && table) return table;
  }
  return topic;
}
