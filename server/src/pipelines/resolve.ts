/** Pure: which pipelines a connector file describes. */
import { CLICKHOUSE_SINK_CLASS } from '../connect/client.ts';
import { sinkTargets } from '../domain/connector-config/sink-targets.ts';
import type { PipelineRef } from '../contracts/smoke.ts';
import type { ConnectorFileContent } from '../repo-files/index.ts';

export type ResolvedFile = { pipelines: PipelineRef[] } | { skip: string };

/**
 * One pipeline per topic of a ClickHouse sink connector file: the table is topic2TableMap's (else the topic's
 * name) in config.database (the sink's default database is `default`, docs/upstream-facts.md §5); the schema is
 * `<topic>-value.avsc` beside the file when it exists.
 */
export function pipelinesOfConnectorFile(file: string, content: ConnectorFileContent, schemaFiles: string[]): ResolvedFile {
  const { config } = content;
  if (config['connector.class'] !== CLICKHOUSE_SINK_CLASS)
    return { skip: `not a ClickHouse sink (connector.class is ${config['connector.class']})` };
  const targets = sinkTargets(config);
  if (targets.length === 0)
    return { skip: config['topics.regex'] ? 'reads topics.regex; a pipeline needs explicit topics' : 'has no "topics"' };
  const database = config['database']?.trim() || 'default';
  const dlq = config['errors.deadletterqueue.topic.name']?.trim() || null;
  return {
    pipelines: targets.map(({ topic, table }) => {
      const schemaFile = `${topic}-value.avsc`;
      return {
        id: targets.length === 1 ? content.name : `${content.name}:${topic}`,
        connectorName: content.name,
        connectorFile: file,
        connectorClass: CLICKHOUSE_SINK_CLASS,
        topic,
        subject: `${topic}-value`,
        database,
        table,
        schemaFile: schemaFiles.includes(schemaFile) ? schemaFile : null,
        dlqTopic: dlq,
      };
    }),
  };
}
