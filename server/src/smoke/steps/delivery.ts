/**
 * What moves the topic into the table. The stack's path is (a) the ClickHouse Kafka Connect sink: plugin installed,
 * connector and every task RUNNING. (b) ClickHouse's own Kafka table engine plus a materialized view into the table
 * is accepted too: that is how the CI harness delivers (chdb has the Kafka engine; the sink's jar cannot be
 * obtained or run there), so the integration tier proves every other hop; the real sink path is the stack tier's.
 */
import { settingValues } from '../../clickhouse/table-facts.ts';
import { tableColumns } from '../../clickhouse/table-columns.ts';
import { findKafkaEngineDelivery } from '../../clickhouse/kafka-engine.ts';
import { CLICKHOUSE_SINK_CLASS, type ExpandedConnector } from '../../connect/client.ts';
import { pluginInstallFix, pluginMissingMessage } from '../../connect/plugin-advice.ts';
import { pluginMatches, sinkTargets } from '../../connect/preflight.ts';
import { fail, startFix, toFailure } from '../failure.ts';
import type { StepContext } from '../context.ts';

const TRACE_LINES = 4;

function readsTopic(config: Record<string, string>, topic: string): boolean {
  if (sinkTargets(config).some((t) => t.topic === topic)) return true;
  const regex = config['topics.regex'];
  if (!regex) return false;
  try {
    return new RegExp(`^(?:${regex})$`).test(topic);
  } catch {
    return false;
  }
}

function firstLines(trace: string | undefined): string {
  return (trace ?? '').split('\n').slice(0, TRACE_LINES).join('\n').trim() || '(no trace)';
}

/** The sql/ file that creates the table, to name in the fix. */
async function sqlFileFor(ctx: StepContext): Promise<string | null> {
  const { files } = ctx.deps;
  const { database, table } = ctx.pipeline;
  const pattern = new RegExp(`\\b${database.replace(/\W/g, '\\$&')}\\s*\\.\\s*\`?${table.replace(/\W/g, '\\$&')}\\b`);
  for (const file of await files.list('sql').catch(() => [] as string[])) {
    const text = await files.read('sql', file).catch(() => '');
    if (pattern.test(text)) return file;
  }
  return null;
}

export async function deliveryStep(ctx: StepContext): Promise<string> {
  const { pipeline, deps } = ctx;
  const target = `${pipeline.database}.${pipeline.table}`;
  if ((await tableColumns(deps.clickhouse, pipeline.database, pipeline.table)) === null) {
    const file = await sqlFileFor(ctx);
    fail(
      'ClickHouse',
      `ClickHouse has no table ${target}, the pipeline's target: nothing can deliver into it`,
      file
        ? `create it from sql/${file}: Tables screen → Apply, or clickhouse-client --multiquery < sql/${file}`
        : `add a CREATE TABLE ${target} file to sql/ and apply it (Tables screen)`,
    );
  }

  let connectors: Record<string, ExpandedConnector> | null = null;
  let connectProblem: string | null = null;
  try {
    connectors = await deps.connect.connectors();
  } catch (error) {
    connectProblem = toFailure(error, 'Kafka Connect', deps.hints ?? {}).message;
  }
  const sink = Object.entries(connectors ?? {}).find(
    ([, c]) => c.info?.config['connector.class'] === CLICKHOUSE_SINK_CLASS && readsTopic(c.info.config, pipeline.topic),
  );
  if (sink) return checkConnector(ctx, sink[0], sink[1]);

  const engine = await findKafkaEngineDelivery(deps.clickhouse, pipeline.topic, pipeline.database, pipeline.table);
  if (engine) {
    if (engine.format !== 'AvroConfluent') {
      fail(
        'ClickHouse',
        `Kafka table ${engine.kafkaTable} reads ${pipeline.topic} with kafka_format = '${engine.format}', but the topic carries Confluent-framed Avro`,
        `recreate ${engine.kafkaTable} with kafka_format = 'AvroConfluent' and format_avro_schema_registry_url`,
      );
    }
    ctx.state.deliveryGroup = engine.group;
    ctx.state.commitIntervalMs = await engineFlushIntervalMs(ctx, engine.settings);
    ctx.run.report.delivery = {
      kind: 'kafka-engine',
      via: `${engine.kafkaTable} → ${engine.view}`,
      description: `ClickHouse Kafka engine table ${engine.kafkaTable} (brokers ${engine.brokers || '?'}, group ${engine.group || '?'}) reads ${pipeline.topic}; materialized view ${engine.view} writes into ${target}. This is the CI delivery path; the stack delivers with the ClickHouse sink connector.`,
    };
    return `Kafka engine ${engine.kafkaTable} + materialized view ${engine.view} → ${target}${connectProblem ? ` (Kafka Connect not asked: ${connectProblem})` : ''}`;
  }

  const deploy = `deploy connectors/${pipeline.connectorFile} (Connectors screen → Deploy, or PUT /connectors/${pipeline.connectorName}/config on Connect)`;
  // Deploying is refused while the worker lacks the sink plugin: then the plugin is the real blocker, and the fix says so.
  const pluginMissing =
    connectProblem === null &&
    !(await deps.connect.plugins().then(
      (plugins) => plugins.some((p) => pluginMatches(p, CLICKHOUSE_SINK_CLASS)),
      () => true,
    ));
  if (pluginMissing) {
    fail(
      'Kafka Connect',
      `Nothing moves ${pipeline.topic} into ${target}, and no sink connector can be deployed yet: ${pluginMissingMessage(CLICKHOUSE_SINK_CLASS, deps.connect.url)}; ClickHouse has no Kafka-engine table reading ${pipeline.topic} either`,
      `install the ClickHouse sink plugin first — ${pluginInstallFix(CLICKHOUSE_SINK_CLASS)}; then ${deploy}`,
    );
  }
  if (connectProblem) {
    fail(
      'Kafka Connect',
      `Nothing is known to move ${pipeline.topic} into ${target}: ${connectProblem}; and ClickHouse has no Kafka-engine table reading ${pipeline.topic} with a materialized view into ${target}`,
      `${startFix('Kafka Connect', deps.hints)}; then ${deploy}`,
    );
  }
  fail(
    'Kafka Connect',
    `Nothing moves ${pipeline.topic} into ${target}: Kafka Connect at ${deps.connect.url} has no ${CLICKHOUSE_SINK_CLASS} connector reading ${pipeline.topic}, and ClickHouse has no Kafka-engine table reading it with a materialized view into ${target}`,
    deploy,
  );
}

async function checkConnector(ctx: StepContext, name: string, connector: ExpandedConnector): Promise<string> {
  const { deps, pipeline } = ctx;
  const target = `${pipeline.database}.${pipeline.table}`;
  const config = connector.info!.config;
  const plugins = await deps.connect.plugins();
  if (!plugins.some((p) => pluginMatches(p, CLICKHOUSE_SINK_CLASS))) {
    fail(
      'Kafka Connect',
      `Connector ${name} is deployed, but ${pluginMissingMessage(CLICKHOUSE_SINK_CLASS, deps.connect.url)}`,
      pluginInstallFix(CLICKHOUSE_SINK_CLASS),
    );
  }
  const mapped = sinkTargets(config).find((t) => t.topic === pipeline.topic)?.table ?? pipeline.topic;
  const database = config['database']?.trim() || 'default';
  if (`${database}.${mapped}` !== target) {
    fail(
      'Kafka Connect',
      `Connector ${name} writes ${pipeline.topic} into ${database}.${mapped}, not ${target}`,
      `redeploy connectors/${pipeline.connectorFile} so the deployed config matches the repo (Connectors screen shows the diff)`,
    );
  }
  const status = connector.status ?? (await deps.connect.status(name));
  if (status.connector.state !== 'RUNNING') {
    const why = status.connector.state === 'FAILED' ? `:\n${firstLines(status.connector.trace)}` : '';
    fail(
      'Kafka Connect',
      `Connector ${name} is ${status.connector.state}${why}`,
      status.connector.state === 'PAUSED'
        ? `resume it (Connectors screen → Resume)`
        : 'see the connector trace on the Connectors screen / docker compose logs connect; restart it after fixing',
    );
  }
  if (status.tasks.length === 0)
    fail(
      'Kafka Connect',
      `Connector ${name} is RUNNING but has no tasks`,
      'restart the connector (Connectors screen → Restart) and check docker compose logs connect',
    );
  const failed = status.tasks.find((t) => t.state !== 'RUNNING');
  if (failed) {
    fail(
      'Kafka Connect',
      `Connector ${name} task ${failed.id} is ${failed.state}${failed.state === 'FAILED' ? `:\n${firstLines(failed.trace)}` : ''}`,
      'see the task trace (Connectors screen) / docker compose logs connect; fix the cause, then restart the connector',
    );
  }
  // Connect's sink consumer group is connect-<name> (overridable per connector); it commits every offset.flush.interval.ms.
  ctx.state.deliveryGroup = config['consumer.override.group.id'] || `connect-${name}`;
  ctx.state.commitIntervalMs = deps.sinkCommitIntervalMs ?? 60_000;
  ctx.run.report.delivery = {
    kind: 'connector',
    via: name,
    description: `ClickHouse sink connector ${name}: RUNNING with ${status.tasks.length} RUNNING task(s), writes ${pipeline.topic} into ${target}`,
  };
  return `Connector ${name} RUNNING, ${status.tasks.length} task(s) RUNNING → ${target}`;
}

/** A Kafka-engine table commits after each flushed block: kafka_flush_interval_ms, else stream_flush_interval_ms (7500). */
async function engineFlushIntervalMs(ctx: StepContext, settings: Record<string, string>): Promise<number> {
  const own = Number(settings['kafka_flush_interval_ms']);
  if (Number.isFinite(own) && own > 0) return own;
  const server = await settingValues(ctx.deps.clickhouse, ['stream_flush_interval_ms']).catch(() => ({}) as Record<string, string>);
  const value = Number(server['stream_flush_interval_ms']);
  return Number.isFinite(value) && value > 0 ? value : 7_500;
}
