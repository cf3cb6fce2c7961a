/**
 * A wizard pipeline resolved from the plan/apply body: every value re-validated server-side, the three repo files
 * rendered, and the facts about the services that the plan is built from.
 */
import { tableColumns } from '../clickhouse/table-columns.ts';
import { diffConfigs } from '../connect/config-diff.ts';
import { pluginInstallFix, pluginMissingMessage } from '../connect/plugin-advice.ts';
import { pluginMatches } from '../connect/preflight.ts';
import type { WizardPipelineInput, WizardPlan } from '../contracts/wizard.ts';
import { connectorFileName, schemaFileName, sqlFileName } from '../domain/wizard-plan/file-names.ts';
import { buildPlan, columnDifferences, type Known, type PlanFacts } from '../domain/wizard-plan/plan.ts';
import { parseTableSql, tableSqlFile } from '../domain/wizard-plan/table-sql.ts';
import { AppError } from '../errors/app-error.ts';
import type { ConnectorFileContent } from '../repo-files/index.ts';
import type { WizardDeps } from './deps.ts';
import { readRepoFile, repoPath, type RepoPath } from './repo-writer.ts';
import { scratchTable } from './scratch.ts';
import { assertWizardTopic, parseRecordSchema, parseWizardConnector, schemaFileText, subjectOf } from './steps.ts';

export interface WizardFile extends RepoPath {
  path: string;
  content: string;
}

export interface ResolvedPipeline {
  topic: { name: string; partitions: number; retentionMs: number | null; replicationFactor: number | null };
  subject: string;
  /** The schema text exactly as registered and written to connectors/<topic>-value.avsc (schemaFileText). */
  schema: string;
  database: string;
  table: string;
  /** The table step's statement (validated head). */
  tableSql: string;
  connector: ConnectorFileContent;
  skipConnectorDeploy: boolean;
  overwrite: string[];
  files: WizardFile[];
}

export async function resolvePipeline(deps: WizardDeps, input: WizardPipelineInput): Promise<ResolvedPipeline> {
  const topic = input.topic.name;
  assertWizardTopic(topic);
  const schema = schemaFileText(parseRecordSchema(input.schema).pretty);
  const target = { database: input.table.database, table: input.table.table };
  const shape = parseTableSql(input.table.sql, target);
  if (!shape.ok) throw new AppError(400, 'INVALID_TABLE_SQL', shape.reason, { field: 'table.sql' });
  const connector = parseWizardConnector(input.connector, { topic, ...target });

  const schemaFile = schemaFileName(topic);
  const connectorFile = connectorFileName(connector.name);
  const sqlFile = sqlFileName(target.table, await deps.files.list('sql'));
  for (const name of [schemaFile, connectorFile, sqlFile]) if (!name.ok) throw new AppError(400, 'INVALID_FILE_NAME', name.reason);
  if (!schemaFile.ok || !connectorFile.ok || !sqlFile.ok) throw new Error('unreachable');
  const sqlText = tableSqlFile(input.table.sql, target, {
    topic,
    sqlFile: sqlFile.file,
    connectorFile: connectorFile.file,
    schemaFile: schemaFile.file,
  });
  if (!sqlText.ok) throw new AppError(400, 'INVALID_TABLE_SQL', sqlText.reason, { field: 'table.sql' });

  const file = (folder: RepoPath['folder'], name: string, content: string): WizardFile => ({
    folder,
    file: name,
    path: repoPath(folder, name),
    content,
  });
  return {
    topic: {
      name: topic,
      partitions: input.topic.partitions ?? 1,
      retentionMs: input.topic.retentionMs ?? null,
      replicationFactor: input.topic.replicationFactor ?? null,
    },
    subject: subjectOf(topic),
    schema,
    ...target,
    tableSql: shape.statement,
    connector,
    skipConnectorDeploy: input.skipConnectorDeploy === true,
    overwrite: input.overwrite ?? [],
    files: [
      file('sql', sqlFile.file, sqlText.statement),
      file('connectors', connectorFile.file, `${JSON.stringify({ name: connector.name, config: connector.config }, null, 2)}\n`),
      file('connectors', schemaFile.file, schema),
    ],
  };
}

async function known<T>(read: () => Promise<T>): Promise<Known<T>> {
  try {
    return await read();
  } catch (error) {
    return { unknown: (error as Error).message };
  }
}

export async function schemaState(deps: WizardDeps, subject: string, schema: string): Promise<PlanFacts['schema']['facts'] & object> {
  const registered = await deps.registry.lookup(subject, schema);
  const latest = await deps.registry.versions(subject).then(
    (v) => Math.max(...v),
    () => null,
  );
  if (registered) return { state: 'registered', version: registered.version, latest, messages: [] };
  const answer = await deps.registry.checkCompatibility(subject, schema);
  if (answer === null) return { state: 'new', version: null, latest: null, messages: [] };
  return { state: answer.compatible ? 'compatible' : 'incompatible', version: null, latest, messages: answer.messages };
}

/** Existing table vs what the SQL creates; the SQL's columns come from running it in a scratch database. */
export async function tableState(
  deps: WizardDeps,
  p: ResolvedPipeline,
): Promise<{ exists: false } | { exists: true; differences: string[] }> {
  const live = await tableColumns(deps.clickhouse, p.database, p.table);
  if (live === null) return { exists: false };
  const scratch = await scratchTable(deps.clickhouse, p.tableSql, p);
  return { exists: true, differences: columnDifferences(live, scratch.columns) };
}

export async function planPipeline(deps: WizardDeps, p: ResolvedPipeline): Promise<WizardPlan> {
  const connectorClass = p.connector.config['connector.class'] ?? '';
  const [topic, schema, table, connector, files, plugin] = await Promise.all([
    known(async () => {
      const detail = await deps.kafka.describeTopic(p.topic.name);
      return { exists: detail !== null, partitions: detail ? detail.partitions.length : null };
    }),
    known(() => schemaState(deps, p.subject, p.schema)),
    known(() => tableState(deps, p)),
    p.skipConnectorDeploy
      ? Promise.resolve({ deployed: false } as const)
      : known(async () => {
          const deployed = await deps.connect.config(p.connector.name);
          return deployed === null
            ? ({ deployed: false } as const)
            : ({ deployed: true, diff: diffConfigs(p.connector.name, p.connector.config, deployed) } as const);
        }),
    Promise.all(p.files.map(async (f) => ({ path: f.path, content: f.content, existing: await readRepoFile(deps.projectDir, f) }))),
    p.skipConnectorDeploy
      ? Promise.resolve({ installed: true } as const)
      : known(async () =>
          (await deps.connect.plugins()).some((plugin) => pluginMatches(plugin, connectorClass))
            ? ({ installed: true } as const)
            : ({
                installed: false,
                reason: pluginMissingMessage(connectorClass, deps.connect.url),
                fix: pluginInstallFix(connectorClass),
              } as const),
        ),
  ]);
  return buildPlan({
    pipeline: p.connector.name,
    topic: { name: p.topic.name, partitions: p.topic.partitions, replicationFactor: p.topic.replicationFactor, facts: topic },
    schema: { subject: p.subject, facts: schema },
    table: { target: `${p.database}.${p.table}`, facts: table },
    connector: { name: p.connector.name, skip: p.skipConnectorDeploy, facts: connector, plugin },
    files,
    overwrite: p.overwrite,
  });
}
