import type { FastifyInstance } from 'fastify';
import type { ConnectClient } from '../connect/client.ts';
import { diffConfigs } from '../connect/config-diff.ts';
import { preflight } from '../connect/preflight.ts';
import { failedFirst, summarize } from '../connect/summary.ts';
import { tableExists } from '../clickhouse/catalog.ts';
import type { ClickHouseClient } from '../clickhouse/client.ts';
import type {
  ConnectorAction,
  ConnectorActionResult,
  ConnectorDetail,
  ConnectorFile,
  ConnectorFileListResponse,
  ConnectorListResponse,
  ConnectorSummary,
  DeleteConnectorResult,
  DeployResult,
  Preflight,
} from '../contracts/connectors.ts';
import { AppError } from '../errors/app-error.ts';
import type { KafkaClient } from '../kafka/client.ts';
import { parseConnectorFile, type ConnectorFileContent, type RepoFiles } from '../repo-files/index.ts';
import { MAX_BODY_BYTES } from './pipeline-scope.ts';

export interface ConnectorRouteDeps {
  connect: ConnectClient;
  kafka: KafkaClient;
  clickhouse: ClickHouseClient;
  files: RepoFiles;
}

const ACTIONS: readonly ConnectorAction[] = ['pause', 'resume', 'restart'];

/** Connector names are a path segment of Connect's REST API. */
function assertConnectorName(name: string): void {
  if (name === '' || name.length > 249 || /[/\\"'`\u0000-\u001f\u007f]/.test(name) || name.trim() !== name) {
    throw new AppError(
      400,
      'INVALID_CONNECTOR_NAME',
      `${JSON.stringify(name)} is not a valid connector name (no slashes, quotes, control characters; at most 249 characters)`,
    );
  }
}

export function connectorRoutes(app: FastifyInstance, deps: ConnectorRouteDeps): void {
  const { connect, kafka, clickhouse, files } = deps;

  async function withLag(summary: ConnectorSummary): Promise<ConnectorSummary> {
    if (summary.consumerGroup === null) return summary;
    try {
      const lag = await kafka.groupLag(summary.consumerGroup, summary.topics);
      return { ...summary, lag: { totalLag: lag.totalLag, partitions: lag.partitions.length } };
    } catch (error) {
      return { ...summary, lagError: (error as Error).message };
    }
  }

  async function readConnectorFile(file: string): Promise<ConnectorFileContent> {
    return parseConnectorFile(file, await files.read('connectors', file));
  }

  async function runPreflight(content: ConnectorFileContent): Promise<Preflight> {
    const plugins = await connect.plugins().catch((error: Error) => ({ error: error.message }));
    return preflight({
      config: content.config,
      plugins,
      connectUrl: connect.url,
      tableExists: (db, table) => tableExists(clickhouse, db, table),
    });
  }

  app.get('/api/connectors', async (): Promise<ConnectorListResponse> => {
    const expanded = await connect.connectors();
    const summaries = await Promise.all(Object.entries(expanded).map(([name, value]) => withLag(summarize(name, value))));
    return { connectors: summaries.sort(failedFirst) };
  });

  app.get<{ Params: { name: string } }>('/api/connectors/:name', async (request): Promise<ConnectorDetail> => {
    const { name } = request.params;
    assertConnectorName(name);
    const config = await connect.config(name);
    if (config === null) throw new AppError(404, 'CONNECTOR_NOT_FOUND', `Kafka Connect has no connector named "${name}"`);
    const status = await connect.status(name);
    const summary = await withLag(summarize(name, { status, info: { name, config, tasks: [], type: status.type ?? 'unknown' } }));
    return { ...summary, config };
  });

  app.get('/api/connector-files', async (): Promise<ConnectorFileListResponse> => {
    const names = await files.list('connectors');
    const result: ConnectorFile[] = [];
    for (const file of names) {
      let content: ConnectorFileContent;
      try {
        content = await readConnectorFile(file);
      } catch (error) {
        // connectors/ also holds the pipelines' .avsc schemas; only .json files are listed, and a broken one says why.
        result.push({ file, name: '', connectorClass: '', deployed: false, diff: [], error: (error as Error).message });
        continue;
      }
      const deployed = await connect.config(content.name);
      result.push({
        file,
        name: content.name,
        connectorClass: content.config['connector.class'] ?? '',
        deployed: deployed !== null,
        diff: diffConfigs(content.name, content.config, deployed),
      });
    }
    return { files: result };
  });

  app.post<{ Params: { file: string } }>(
    '/api/connector-files/:file/preflight',
    { bodyLimit: MAX_BODY_BYTES },
    async (request): Promise<Preflight> => {
      return runPreflight(await readConnectorFile(request.params.file));
    },
  );

  app.post<{ Params: { file: string } }>(
    '/api/connector-files/:file/deploy',
    { bodyLimit: MAX_BODY_BYTES },
    async (request): Promise<DeployResult> => {
      const content = await readConnectorFile(request.params.file);
      const checks = await runPreflight(content);
      if (!checks.ok) {
        const failed = checks.checks.filter((c) => !c.ok);
        throw new AppError(422, 'PREFLIGHT_FAILED', `Not deployed: ${failed.map((c) => c.message).join('; ')}`, checks);
      }
      const deployed = await connect.config(content.name);
      const diff = diffConfigs(content.name, content.config, deployed);
      if (deployed !== null && diff.length === 0) return { name: content.name, created: false, changed: false, diff, preflight: checks };
      const { created } = await connect.putConfig(content.name, content.config);
      return { name: content.name, created, changed: true, diff, preflight: checks };
    },
  );

  app.post<{ Params: { name: string; action: string } }>(
    '/api/connectors/:name/:action',
    { bodyLimit: MAX_BODY_BYTES },
    async (request): Promise<ConnectorActionResult> => {
      const { name, action } = request.params;
      if (!ACTIONS.includes(action as ConnectorAction))
        throw new AppError(404, 'ROUTE_NOT_FOUND', `Unknown action "${action}"; use pause, resume or restart`);
      assertConnectorName(name);
      const status = await connect.status(name);
      const state = status.connector.state;
      if (action === 'pause') {
        if (state === 'PAUSED') return { name, action, changed: false, message: `${name} is already paused` };
        await connect.pause(name);
        return { name, action, changed: true, message: `Asked Connect to pause ${name} (was ${state}); its tasks stop consuming` };
      }
      if (action === 'resume') {
        if (state !== 'PAUSED' && state !== 'STOPPED')
          return { name, action, changed: false, message: `${name} is not paused (it is ${state}); nothing to resume` };
        await connect.resume(name);
        return { name, action, changed: true, message: `Asked Connect to resume ${name}` };
      }
      await connect.restart(name);
      return { name, action: 'restart', changed: true, message: `Asked Connect to restart ${name} and its ${status.tasks.length} task(s)` };
    },
  );

  app.delete<{ Params: { name: string } }>(
    '/api/connectors/:name',
    { bodyLimit: MAX_BODY_BYTES },
    async (request): Promise<DeleteConnectorResult> => {
      const { name } = request.params;
      assertConnectorName(name);
      const confirm = (request.body as { confirm?: unknown } | undefined)?.confirm;
      if (confirm !== name) {
        throw new AppError(400, 'CONFIRMATION_REQUIRED', `Deleting connector ${name} needs the JSON body {"confirm":"${name}"}`, {
          expected: { confirm: name },
        });
      }
      if ((await connect.config(name)) === null)
        throw new AppError(404, 'CONNECTOR_NOT_FOUND', `Kafka Connect has no connector named "${name}"`);
      await connect.remove(name);
      return { name, deleted: true };
    },
  );
}
