/** The operations behind the schemas, connectors, tables and topics screens, built over the stack's clients. */
import type { PipelinePort } from '../ports.ts';
import { createClusterService, type ClusterService } from './cluster.ts';
import { createConnectorService, type ConnectorService } from './connectors.ts';
import { createSchemaService, type SchemaService } from './schemas.ts';
import { createTableService, type TableService } from './tables.ts';
import { createTopicService, type TopicService } from './topics.ts';
import { invalidateOnChanges, METADATA_READS, ReadCache } from './read-cache.ts';

export interface PipelineServices {
  schemas: SchemaService;
  connectors: ConnectorService;
  tables: TableService;
  topics: TopicService;
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
  return {
    schemas: createSchemaService(port.registry, cache),
    connectors: createConnectorService({ ...port, cache }),
    tables: createTableService({ clickhouse: port.clickhouse, files: port.files, cache }),
    topics: createTopicService(port.kafka, cache),
    cluster: createClusterService({ kafka: port.kafka, connect: port.connect, clickhouse: port.clickhouse, cache }),
    close,
  };
}

export type { ClusterService, ConnectorService, SchemaService, TableService, TopicService };
