/** The operations behind the schemas, connectors, tables and topics screens, built over the stack's clients. */
import type { PipelinePort } from '../ports.ts';
import { createClusterService, type ClusterService } from './cluster.ts';
import { createConnectorService, type ConnectorService } from './connectors.ts';
import { createSchemaDiffService, type SchemaDiffService } from './schema-diff.ts';
import { createSchemaReads } from './schema-versions.ts';
import { createDeadLetterService, type DeadLetterService } from './dead-letters.ts';
import { createGroupService, type GroupService } from './groups.ts';
import { createMessageService, type MessageService } from './messages.ts';
import { createTopicSettingsService, type TopicSettingsService } from './topic-settings.ts';
import { createSchemaService, type SchemaService } from './schemas.ts';
import { createSqlQueryService, type SqlQueryService } from './sql-query.ts';
import { createTableService, type TableService } from './tables.ts';
import { createTopicService, type TopicService } from './topics.ts';
import { invalidateOnChanges, METADATA_READS, ReadCache } from './read-cache.ts';

export interface PipelineServices {
  schemas: SchemaService;
  schemaDiff: SchemaDiffService;
  connectors: ConnectorService;
  tables: TableService;
  sqlQuery: SqlQueryService;
  topics: TopicService;
  messages: MessageService;
  topicSettings: TopicSettingsService;
  groups: GroupService;
  deadLetters: DeadLetterService;
  cluster: ClusterService;
  /** Stops following the clients' announced writes. */
  close(): void;
}

/**
 * One read cache shared by the four screens' services, dropping a service's entries whenever a client announces a
 * write to it (`port.changes`), whoever sent it.
 */
export function createPipelineServices(port: PipelinePort): PipelineServices {
  const cache = new ReadCache(METADATA_READS);
  const close = invalidateOnChanges(cache, port.changes);
  const kafka = port.kafka.access;
  const messages = createMessageService({ kafka, registry: port.registry });
  return {
    schemas: createSchemaService(port.registry, cache),
    schemaDiff: createSchemaDiffService(createSchemaReads(port.registry, cache)),
    connectors: createConnectorService({ ...port, cache }),
    tables: createTableService({ clickhouse: port.clickhouse, files: port.files, cache }),
    sqlQuery: createSqlQueryService(port.clickhouse),
    topics: createTopicService(port.kafka, cache),
    messages,
    topicSettings: createTopicSettingsService(kafka, cache),
    groups: createGroupService({ kafka, connect: port.connect, cache }),
    deadLetters: createDeadLetterService({ kafka, files: port.files, messages }),
    cluster: createClusterService({ kafka: port.kafka, connect: port.connect, clickhouse: port.clickhouse, cache }),
    close,
  };
}

export type { ClusterService, ConnectorService, SchemaDiffService, SchemaService, SqlQueryService, TableService, TopicService };
