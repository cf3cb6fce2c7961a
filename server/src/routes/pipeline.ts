import type { PanelApp } from '../http/panel-app.ts';
import type { PipelinePort } from '../ports.ts';
import { createPipelineServices } from '../services/index.ts';
import { clickhouseRoutes } from './clickhouse.ts';
import { clusterRoutes } from './cluster.ts';
import { connectorRoutes } from './connectors.ts';
import { setPipelineErrorHandler } from './pipeline-scope.ts';
import { schemaRoutes } from './schemas.ts';
import { topicRoutes } from './topics.ts';

/** The schemas, connectors, tables and topics screens' routes, in one scope with its own upstream error hints. */
export async function pipelineRoutes(app: PanelApp, port: PipelinePort): Promise<void> {
  const services = createPipelineServices(port);
  app.addHook('onClose', async () => services.close());
  await app.register(async (scope: PanelApp) => {
    setPipelineErrorHandler(scope, port.hints ?? {});
    schemaRoutes(scope, services.schemas);
    connectorRoutes(scope, services.connectors);
    clickhouseRoutes(scope, services.tables);
    topicRoutes(scope, services.topics);
    clusterRoutes(scope, services.cluster);
  });
}
