/** The operations behind the schemas, connectors, tables and topics screens, built over the stack's clients. */
import type { PipelinePort } from '../ports.ts';
import { createConnectorService, type ConnectorService } from './connectors.ts';
import { createMessageService, type MessageService } from './messages.ts';
import { createSchemaService, type SchemaService } from './schemas.ts';
import { createTableService, type TableService } from './tables.ts';
import { createTopicService, type TopicService } from './topics.ts';

export interface PipelineServices {
  schemas: SchemaService;
  connectors: ConnectorService;
  tables: TableService;
  topics: TopicService;
  messages: MessageService;
}

export function createPipelineServices(port: PipelinePort): PipelineServices {
  return {
    schemas: createSchemaService(port.registry),
    connectors: createConnectorService(port),
    tables: createTableService({ clickhouse: port.clickhouse, files: port.files }),
    topics: createTopicService(port.kafka),
    messages: createMessageService({ kafka: port.kafka.access, registry: port.registry }),
  };
}

export type { ConnectorService, MessageService, SchemaService, TableService, TopicService };
