import type { FastifyInstance } from 'fastify';
import type { PipelinePort } from '../ports.ts';
import { clickhouseRoutes } from './clickhouse.ts';
import { connectorRoutes } from './connectors.ts';
import { setPipelineErrorHandler } from './pipeline-scope.ts';
import { schemaRoutes } from './schemas.ts';
import { topicRoutes } from './topics.ts';

/** The schemas, connectors, tables and topics screens' routes, in one scope with its own upstream error hints. */
export async function pipelineRoutes(app: FastifyInstance, port: PipelinePort): Promise<void> {
  await app.register(async (scope) => {
    setPipelineErrorHandler(scope, port.hints ?? {});
    schemaRoutes(scope, port.registry);
    connectorRoutes(scope, { connect: port.connect, kafka: port.kafka, clickhouse: port.clickhouse, files: port.files });
    clickhouseRoutes(scope, { clickhouse: port.clickhouse, files: port.files });
    topicRoutes(scope, port.kafka);
  });
}
