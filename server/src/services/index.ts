/** The operations behind the schemas, connectors, tables and topics screens, built over the stack's clients. */
import type { PipelinePort } from '../ports.ts';
import { createConnectorService, type ConnectorService } from './connectors.ts';
import { createSchemaDiffService, type SchemaDiffService } from './schema-diff.ts';
import { createSchemaService, type SchemaService } from './schemas.ts';
import { createSqlQueryService, type SqlQueryService } from './sql-query.ts';
import { createTableService, type TableService } from './tables.ts';
import { createTopicService, type TopicService } from './topics.ts';

export interface PipelineServices {
  schemas: SchemaService;
  schemaDiff: SchemaDiffService;
  connectors: ConnectorService;
  tables: TableService;
  sqlQuery: SqlQueryService;
  topics: TopicService;
}

export function createPipelineServices(port: PipelinePort): PipelineServices {
  return {
    schemas: createSchemaService(port.registry),
    schemaDiff: createSchemaDiffService(port.registry),
    connectors: createConnectorService(port),
    tables: createTableService({ clickhouse: port.clickhouse, files: port.files }),
    sqlQuery: createSqlQueryService(port.clickhouse),
    topics: createTopicService(port.kafka),
  };
}

export type { ConnectorService, SchemaDiffService, SchemaService, SqlQueryService, TableService, TopicService };
