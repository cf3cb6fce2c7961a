/**
 * The connectors screen's operations: deployed connectors with their consumer-group lag, the files in connectors/
 * with their diff against what is deployed, preflight + idempotent deploy, pause/resume/restart, confirmed delete.
 * Reads go through the shared read cache (Connect's list and each group's lag apart, so a write to one service
 * drops only its part); every write decides on fresh reads.
 */
import { tableExists } from '../clickhouse/catalog.ts';
import type { ClickHouseClient } from '../clickhouse/client.ts';
import type { ConnectClient } from '../connect/client.ts';
import { diffConfigs } from '../connect/config-diff.ts';
import { preflight } from '../connect/preflight.ts';
import { failedFirst, summarize } from '../connect/summary.ts';
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
import { cacheKey, isoTime, type ReadCache } from './read-cache.ts';

export interface ConnectorServiceDeps {
  connect: ConnectClient;
  kafka: KafkaClient;
  clickhouse: ClickHouseClient;
  files: RepoFiles;
  cache: ReadCache;
}

export interface ConnectorService {
  list(): Promise<ConnectorListResponse>;
  detail(name: string): Promise<ConnectorDetail>;
  files(): Promise<ConnectorFileListResponse>;
  preflight(file: string): Promise<Preflight>;
  /** Preflight, then PUT …/config unless the deployed config is identical (422 PREFLIGHT_FAILED when a check fails). */
  deploy(file: string): Promise<DeployResult>;
  action(name: string, action: ConnectorAction): Promise<ConnectorActionResult>;
  /** `confirm` must be the connector's name (400 CONFIRMATION_REQUIRED otherwise). */
  remove(name: string, confirm: string): Promise<DeleteConnectorResult>;
}

const notFound = (name: string) => new AppError(404, 'CONNECTOR_NOT_FOUND', `Kafka Connect has no connector named "${name}"`, { name });

export function createConnectorService({ connect, kafka, clickhouse, files, cache }: ConnectorServiceDeps): ConnectorService {
  /** The summary with its group's lag, and when that lag was read (null: no lag read). */
  async function withLag(summary: ConnectorSummary): Promise<{ summary: ConnectorSummary; fetchedAt: number | null }> {
    const group = summary.consumerGroup;
    if (group === null) return { summary, fetchedAt: null };
    try {
      const { value: lag, fetchedAt } = await cache.get(cacheKey('Kafka', 'group', group, ...summary.topics), () =>
        kafka.groupLag(group, summary.topics),
      );
      return { summary: { ...summary, lag: { totalLag: lag.totalLag, partitions: lag.partitions.length } }, fetchedAt };
    } catch (error) {
      return { summary: { ...summary, lagError: (error as Error).message }, fetchedAt: null };
    }
  }

  const readFile = async (file: string): Promise<ConnectorFileContent> => parseConnectorFile(file, await files.read('connectors', file));

  async function runPreflight(content: ConnectorFileContent): Promise<Preflight> {
    const plugins = await connect.plugins().catch((error: Error) => ({ error: error.message }));
    return preflight({
      config: content.config,
      plugins,
      connectUrl: connect.url,
      tableExists: (db, table) => tableExists(clickhouse, db, table),
    });
  }

  return {
    async list() {
      const { value: expanded, fetchedAt } = await cache.get(cacheKey('Kafka Connect', 'connectors'), () => connect.connectors());
      const summaries = await Promise.all(Object.entries(expanded).map(([name, value]) => withLag(summarize(name, value))));
      // The oldest part says how old the answer is.
      const oldest = Math.min(fetchedAt, ...summaries.map((s) => s.fetchedAt ?? fetchedAt));
      return { connectors: summaries.map((s) => s.summary).sort(failedFirst), fetchedAt: isoTime(oldest) };
    },

    async detail(name) {
      const { value: deployed } = await cache.get(cacheKey('Kafka Connect', 'connector', name), async () => {
        const config = await connect.config(name);
        return config === null ? null : { config, status: await connect.status(name) };
      });
      if (deployed === null) throw notFound(name);
      const { config, status } = deployed;
      const { summary } = await withLag(summarize(name, { status, info: { name, config, tasks: [], type: status.type ?? 'unknown' } }));
      return { ...summary, config };
    },

    async files() {
      const result: ConnectorFile[] = [];
      for (const file of await files.list('connectors')) {
        let content: ConnectorFileContent;
        try {
          content = await readFile(file);
        } catch (error) {
          // connectors/ also holds the pipelines' .avsc schemas; only .json files are listed, and a broken one says why.
          result.push({ file, name: '', connectorClass: '', deployed: false, diff: [], error: (error as Error).message });
          continue;
        }
        const { value: deployed } = await cache.get(cacheKey('Kafka Connect', 'config', content.name), () => connect.config(content.name));
        result.push({
          file,
          name: content.name,
          connectorClass: content.config['connector.class'] ?? '',
          deployed: deployed !== null,
          diff: diffConfigs(content.name, content.config, deployed),
        });
      }
      return { files: result };
    },

    preflight: async (file) => runPreflight(await readFile(file)),

    async deploy(file) {
      const content = await readFile(file);
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

    async action(name, action) {
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
      return { name, action, changed: true, message: `Asked Connect to restart ${name} and its ${status.tasks.length} task(s)` };
    },

    async remove(name, confirm) {
      if (confirm !== name) {
        throw new AppError(
          400,
          'CONFIRMATION_REQUIRED',
          `Deleting connector ${name} needs the JSON body {"confirm":"${name}"}; nothing was deleted`,
          {
            expected: { confirm: name },
          },
        );
      }
      if ((await connect.config(name)) === null) throw notFound(name);
      await connect.remove(name);
      return { name, deleted: true };
    },
  };
}
