/**
 * Finds ClickHouse's own delivery path for a topic: a table with ENGINE = Kafka reading it plus a materialized view
 * writing into the pipeline's table. The stack delivers with the ClickHouse Kafka Connect sink; this path is what
 * the CI harness uses instead (chdb's Kafka engine with kafka_format = 'AvroConfluent'), because the sink's jar
 * cannot run there. Both count as "something moves the topic into the table" for the smoke test.
 */
import type { ClickHouseClient } from './client.ts';

export interface KafkaEngineDelivery {
  /** `db.table` of the Kafka-engine table. */
  kafkaTable: string;
  /** `db.view` of the materialized view writing into the pipeline's table. */
  view: string;
  brokers: string;
  format: string;
  group: string;
  /** Every SETTINGS of the engine (kafka_flush_interval_ms, kafka_max_block_size, …). */
  settings: Record<string, string>;
}

/** `key = 'value'` (or bare numbers) from an engine_full like "Kafka SETTINGS kafka_topic_list = 'a,b', …". */
export function parseEngineSettings(engineFull: string): Record<string, string> {
  const settings: Record<string, string> = {};
  const at = engineFull.search(/\bSETTINGS\b/);
  if (at < 0) return settings;
  const pattern = /([A-Za-z_][A-Za-z0-9_]*)\s*=\s*('((?:[^'\\]|\\.)*)'|[^,\s]+)/g;
  for (const match of engineFull.slice(at + 'SETTINGS'.length).matchAll(pattern)) {
    const [, key, raw, quoted] = match;
    settings[key as string] = quoted !== undefined ? quoted.replace(/\\(.)/g, '$1') : (raw as string);
  }
  return settings;
}

/** An identifier path at the start of `text`: `db.name`, `` `my db`.`name` ``; returns its parts and the rest. */
function readIdentifierPath(text: string): { parts: string[]; rest: string } | null {
  const parts: string[] = [];
  let rest = text;
  for (;;) {
    const m = /^(?:`((?:[^`\\]|\\.)*)`|"((?:[^"\\]|\\.)*)"|([A-Za-z_][A-Za-z0-9_]*))/.exec(rest);
    if (!m) return parts.length ? { parts, rest } : null;
    parts.push((m[1] ?? m[2] ?? m[3] ?? '').replace(/\\(.)/g, '$1'));
    rest = rest.slice(m[0].length);
    if (!rest.startsWith('.')) return { parts, rest };
    rest = rest.slice(1);
  }
}

/** The `TO db.table` target of a materialized view's create_table_query, or null for a view with inner storage. */
export function materializedViewTarget(createQuery: string, defaultDatabase: string): { database: string; table: string } | null {
  const head = /^\s*(?:CREATE|ATTACH)\s+MATERIALIZED\s+VIEW\s+(?:IF\s+NOT\s+EXISTS\s+)?/i.exec(createQuery);
  if (!head) return null;
  const view = readIdentifierPath(createQuery.slice(head[0].length));
  if (!view) return null;
  const to = /^\s+(?:ON\s+CLUSTER\s+\S+\s+)?TO\s+/i.exec(view.rest);
  if (!to) return null;
  const target = readIdentifierPath(view.rest.slice(to[0].length));
  if (!target) return null;
  const [a, b] = target.parts;
  return b === undefined ? { database: defaultDatabase, table: a as string } : { database: a as string, table: b };
}

export function topicList(settings: Record<string, string>): string[] {
  return (settings['kafka_topic_list'] ?? '')
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
}

/** Every Kafka-engine table with a materialized view writing from it into a table (two queries). */
export interface KafkaEngineFlow extends KafkaEngineDelivery {
  topics: string[];
  target: { database: string; table: string };
}

export async function listKafkaEngineFlows(client: ClickHouseClient): Promise<KafkaEngineFlow[]> {
  const [kafkaTables, views] = await Promise.all([
    client.rows<{ database: string; name: string; engine_full: string; dependencies_database: string[]; dependencies_table: string[] }>(
      "SELECT database, name, engine_full, dependencies_database, dependencies_table FROM system.tables WHERE engine = 'Kafka'",
    ),
    client.rows<{ database: string; name: string; create_table_query: string }>(
      "SELECT database, name, create_table_query FROM system.tables WHERE engine = 'MaterializedView'",
    ),
  ]);
  const flows: KafkaEngineFlow[] = [];
  for (const reader of kafkaTables) {
    const dependents = new Set(reader.dependencies_table.map((name, i) => `${reader.dependencies_database[i] ?? reader.database}.${name}`));
    const settings = parseEngineSettings(reader.engine_full);
    for (const view of views) {
      if (!dependents.has(`${view.database}.${view.name}`)) continue;
      const target = materializedViewTarget(view.create_table_query, view.database);
      if (!target) continue;
      flows.push({
        kafkaTable: `${reader.database}.${reader.name}`,
        view: `${view.database}.${view.name}`,
        brokers: settings['kafka_broker_list'] ?? '',
        format: settings['kafka_format'] ?? '',
        group: settings['kafka_group_name'] ?? '',
        settings,
        topics: topicList(settings),
        target,
      });
    }
  }
  return flows;
}

/** Kafka-engine tables reading `topic` whose materialized views write into `database.table` (first match). */
export async function findKafkaEngineDelivery(
  client: ClickHouseClient,
  topic: string,
  database: string,
  table: string,
): Promise<KafkaEngineDelivery | null> {
  const flow = (await listKafkaEngineFlows(client)).find(
    (f) => f.topics.includes(topic) && f.target.database === database && f.target.table === table,
  );
  if (!flow) return null;
  const { topics: _topics, target: _target, ...delivery } = flow;
  return delivery;
}

/**
 * The exceptions ClickHouse's Kafka consumers of `db.table` recorded (system.kafka_consumers.exceptions, newest last),
 * each cut to its first line (the rest is a stack trace), with ClickHouse's timestamp of it.
 */
export async function kafkaConsumerErrors(client: ClickHouseClient, kafkaTable: string): Promise<{ atMs: number; text: string }[]> {
  const dot = kafkaTable.indexOf('.');
  const rows = await client.rows<{ time: (string | number)[]; text: string[] }>(
    'SELECT arrayMap(t -> toUnixTimestamp(t), exceptions.time) AS time, exceptions.text AS text FROM system.kafka_consumers WHERE database = {db:String} AND table = {table:String}',
    { db: kafkaTable.slice(0, dot), table: kafkaTable.slice(dot + 1) },
  );
  return rows
    .flatMap((r) => r.text.map((text, i) => ({ atMs: Number(r.time[i] ?? 0) * 1000, text: firstLine(text) })))
    .sort((a, b) => a.atMs - b.atMs);
}

function firstLine(text: string): string {
  return (text.split('\n')[0] ?? '').replace(/,? Stack trace.*$/, '').trim();
}
