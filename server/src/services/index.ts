/** The operations behind the schemas, connectors, tables and topics screens, built over the stack's clients. */
import type { PipelinePort } from '../ports.ts';
import { createConnectorService, type ConnectorService } from './connectors.ts';
import { createDeadLetterService, type DeadLetterService } from './dead-letters.ts';
import { createGroupService, type GroupService } from './groups.ts';
import { createMessageService, type MessageService } from './messages.ts';
import { createTopicSettingsService, type TopicSettingsService } from './topic-settings.ts';
import { createSchemaService, type SchemaService } from './schemas.ts';
import { createTableService, type TableService } from './tables.ts';
import { createTopicService, type TopicService } from './topics.ts';

export interface PipelineServices {
  schemas: SchemaService;
  connectors: ConnectorService;
  tables: TableService;
  topics: TopicService;
  messages: MessageService;
  topicSettings: TopicSettingsService;
  groups: GroupService;
  deadLetters: DeadLetterService;
}

export function createPipelineServices(port: PipelinePort): PipelineServices {
  const messages = createMessageService({ kafka: port.kafka.access, registry: port.registry });
  return {
    schemas: createSchemaService(port.registry),
    connectors: createConnectorService(port),
    tables: createTableService({ clickhouse: port.clickhouse, files: port.files }),
    topics: createTopicService(port.kafka),
    messages,
    topicSettings: createTopicSettingsService(port.kafka.access),
    groups: createGroupService({ kafka: port.kafka.access, connect: port.connect }),
    deadLetters: createDeadLetterService({ kafka: port.kafka.access, files: port.files, messages }),
  };
}

export type {
  ConnectorService,
  DeadLetterService,
  GroupService,
  MessageService,
  SchemaService,
  TableService,
  TopicService,
  TopicSettingsService,
};
