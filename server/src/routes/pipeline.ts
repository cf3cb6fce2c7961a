import type { PanelApp } from '../http/panel-app.ts';
import type { PipelinePort } from '../ports.ts';
import { createPipelineServices } from '../services/index.ts';
import { clickhouseRoutes } from './clickhouse.ts';
import { clusterRoutes } from './cluster.ts';
import { connectorRoutes } from './connectors.ts';
import { deadLetterRoutes } from './dead-letters.ts';
import { groupRoutes } from './groups.ts';
import { messageRoutes } from './messages.ts';
import { topicSettingsRoutes } from './topic-settings.ts';
import { setPipelineErrorHandler } from './pipeline-scope.ts';
import { schemaDiffRoutes } from './schema-diff.ts';
import { schemaRoutes } from './schemas.ts';
import { sqlQueryRoutes } from './sql-query.ts';
import { topicRoutes } from './topics.ts';

/** The schemas, connectors, tables and topics screens' routes, in one scope with its own upstream error hints. */
export async function pipelineRoutes(app: PanelApp, port: PipelinePort): Promise<void> {
  const services = createPipelineServices(port);
  app.addHook('onClose', async () => services.close());
  await app.register(async (scope: PanelApp) => {
    setPipelineErrorHandler(scope, port.hints ?? {});
    schemaRoutes(scope, services.schemas);
    schemaDiffRoutes(scope, services.schemaDiff);
    connectorRoutes(scope, services.connectors);
    clickhouseRoutes(scope, services.tables);
    sqlQueryRoutes(scope, services.sqlQuery);
    topicRoutes(scope, services.topics);
    messageRoutes(scope, services.messages);
    topicSettingsRoutes(scope, services.topicSettings);
    groupRoutes(scope, services.groups);
    deadLetterRoutes(scope, services.deadLetters);
    clusterRoutes(scope, services.cluster);
  });
}
