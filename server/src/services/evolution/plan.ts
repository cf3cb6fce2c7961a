/**
 * The evolution plan of a pipeline: the facts (its current schema, the table's live columns and engine, the
 * cluster, the connector, sql/ and connectors/) gathered from the services, the table changes from the pure
 * planner (domain/evolution), the registry's and the panel's compatibility verdict, and every step in order with
 * what it will do. Nothing is changed.
 */
import { tableColumns } from '../../clickhouse/table-columns.ts';
import { clusterOf, tableEngine } from '../../clickhouse/replicas.ts';
import type { ClickHouseClient } from '../../clickhouse/client.ts';
import type { ConnectClient } from '../../connect/client.ts';
import type { EvolutionInput, EvolutionPlan, EvolutionStepName } from '../../contracts/evolution.ts';
import type { PipelineRef } from '../../contracts/smoke.ts';
import { parseAvroSchema } from '../../domain/avro/model.ts';
import { parseClickhouseSettings } from '../../domain/contract/sink-settings.ts';
import { planEvolution, type EvolutionModel } from '../../domain/evolution/plan.ts';
import { judgeSchemas, mustParse } from '../../domain/schema-diff/index.ts';
import { AppError } from '../../errors/app-error.ts';
import { getPipeline, type SchemaFiles } from '../../pipelines/index.ts';
import type { RegistryClient } from '../../registry/index.ts';
import { parseConnectorFile, type RepoFiles } from '../../repo-files/index.ts';
import type { SmokeRunner } from '../../smoke/index.ts';
import { readRepoFile, type RepoPath } from '../../wizard/repo-writer.ts';
import { createCompatibilityCheck } from '../schema-compatibility.ts';
import { createSchemaReads } from '../schema-versions.ts';

export interface EvolutionDeps {
  registry: RegistryClient;
  connect: ConnectClient;
  clickhouse: ClickHouseClient;
  files: RepoFiles;
  schemaFiles: SchemaFiles;
  /** The project whose sql/ and connectors/ the apply writes. */
  projectDir: string;
  smoke?: SmokeRunner;
  /** How long the columns step waits for every replica; default 60 s. */
  columnsTimeoutMs?: number;
}

/** What the apply needs beside the plan it shows. */
export interface ResolvedEvolution {
  pipeline: PipelineRef;
  /** The draft's text as registered, looked up and written to connectors/ (pretty JSON and a line break). */
  draft: string;
  model: EvolutionModel;
  plan: EvolutionPlan;
  schemaPath: RepoPath;
  schemaContent: string;
  migrationPath: RepoPath | null;
}

export const STEP_TITLES: Record<EvolutionStepName, string> = {
  alter: 'Add the columns',
  columns: 'Wait until the table has them',
  compatibility: 'Check compatibility',
  register: 'Register the schema version',
  files: 'Write the repo files',
  restart: "Restart the connector's tasks",
  contract: 'Contract check',
  smoke: 'Smoke test',
};

export async function resolveEvolution(deps: EvolutionDeps, input: EvolutionInput): Promise<ResolvedEvolution> {
  const parsed = parseAvroSchema(input.draft);
  if (!parsed.ok) throw new AppError(400, 'INVALID_AVRO', `Invalid Avro schema: ${parsed.message}`, { avscMessage: parsed.message });
  if (parsed.root.kind !== 'record')
    throw new AppError(400, 'SCHEMA_NOT_RECORD', 'The value schema must be a record: one field per column of the table');
  // Registered exactly as the repo file holds it, so a lookup by the file's text finds it (the smoke test's schema
  // step does that; Apicurio matches by content), as the wizard does.
  const schemaContent = `${JSON.stringify(parsed.schema, null, 2)}\n`;
  const draft = schemaContent;
  const pipeline = await getPipeline(deps.files, deps.schemaFiles, input.pipeline);
  const table = `${pipeline.database}.${pipeline.table}`;
  const config = parseConnectorFile(pipeline.connectorFile, await deps.files.read('connectors', pipeline.connectorFile)).config;

  const registered = await deps.registry
    .lookup(pipeline.subject, draft)
    .catch((error: unknown) => (isNotFound(error) ? null : Promise.reject(error)));
  const [current, columns, engine, cluster, compatibility, deployed, sqlFiles] = await Promise.all([
    currentSchema(deps, pipeline, registered?.version ?? null),
    tableColumns(deps.clickhouse, pipeline.database, pipeline.table),
    tableEngine(deps.clickhouse, pipeline.database, pipeline.table),
    clusterOf(deps.clickhouse, config['clusterName']),
    createCompatibilityCheck(createSchemaReads(deps.registry)).check(pipeline.subject, { schema: draft }),
    deps.connect.config(pipeline.connectorName).then(
      (c) => (c === null ? ('no' as const) : ('yes' as const)),
      (error: unknown) => `unknown: ${(error as Error).message}`,
    ),
    readSql(deps.files),
  ]);
  if (columns === null)
    throw new AppError(
      404,
      'TABLE_NOT_FOUND',
      `ClickHouse has no table ${table}; an evolution changes an existing table — create it first (Tables screen, a file in sql/)`,
      { database: pipeline.database, table: pipeline.table },
    );

  const model = planEvolution({
    database: pipeline.database,
    table: pipeline.table,
    subject: pipeline.subject,
    current: current.schema,
    draft: parsed.schema,
    columns,
    engine: engine ?? '',
    cluster: cluster.cluster,
    contract: {
      bypassSchemaValidation: config['bypassSchemaValidation'] === 'true',
      clickhouseSettings: parseClickhouseSettings(config['clickhouseSettings']),
    },
    sqlFiles,
  });
  const changes = judgeSchemas(mustParse(current.schema, 'the current schema'), mustParse(parsed.schema), compatibility.level).changes;

  const schemaPath: RepoPath = { folder: 'connectors', file: pipeline.schemaFile ?? `${pipeline.subject}.avsc` };
  const migrationPath: RepoPath | null = model.migration ? { folder: 'sql', file: model.migration.file } : null;
  const files = await Promise.all(
    [
      { path: schemaPath, content: schemaContent },
      ...(migrationPath && model.migration ? [{ path: migrationPath, content: model.migration.content }] : []),
    ].map(async ({ path, content }) => {
      const existing = await readRepoFile(deps.projectDir, path);
      const action = existing === null ? ('create' as const) : existing === content ? ('unchanged' as const) : ('update' as const);
      return { path: `${path.folder}/${path.file}`, action, content };
    }),
  );

  const blockers = [
    ...model.refusals.map((r) => `${r.field ? `field \`${r.field}\`` : `column \`${r.column}\``}: ${r.reason}`),
    ...(cluster.unknown ? [`the connector's clusterName "${cluster.unknown}" is not a cluster ClickHouse knows (system.clusters)`] : []),
    ...(compatibility.compatible === false && registered === null
      ? [`the registry refuses the draft under ${compatibility.level}: ${compatibility.messages.join('; ') || 'no reasons given'}`]
      : []),
  ];
  const smoke = input.smoke === true;
  const plan: EvolutionPlan = {
    pipeline: pipeline.id,
    topic: pipeline.topic,
    subject: pipeline.subject,
    table,
    connector: pipeline.connectorName,
    current: { source: current.source, version: current.version, schema: JSON.stringify(current.schema, null, 2) },
    draftRegistered: registered?.version ?? null,
    changes,
    additions: model.additions,
    kept: model.kept,
    refusals: model.refusals,
    warnings: model.warnings,
    compatibility,
    cluster: cluster.cluster,
    contract: model.contract,
    files,
    steps: plannedSteps({
      pipeline,
      model,
      cluster: cluster.cluster,
      level: compatibility.level,
      registered,
      deployed,
      config,
      files,
      smoke,
    }),
    smoke,
    canApply: blockers.length === 0,
    blockers,
  };
  return { pipeline, draft, model, plan, schemaPath, schemaContent, migrationPath };
}

/**
 * What the draft evolves from: the subject's latest version; once the draft is registered (version N), the version
 * before N, so the plan is the same before, during and after its apply; the repo's schema file for a subject with
 * no version yet.
 */
async function currentSchema(
  deps: EvolutionDeps,
  pipeline: PipelineRef,
  draftVersion: number | null,
): Promise<{ source: 'registry' | 'file'; version: number | null; schema: unknown }> {
  try {
    let ref: number | 'latest' = 'latest';
    if (draftVersion !== null) {
      const earlier = (await deps.registry.versions(pipeline.subject)).filter((v) => v < draftVersion);
      if (earlier.length > 0) ref = Math.max(...earlier);
      else ref = draftVersion;
    }
    const latest = await deps.registry.version(pipeline.subject, ref);
    if (latest.schemaType !== 'AVRO')
      throw new AppError(400, 'NOT_AVRO', `Version ${latest.version} of ${pipeline.subject} is ${latest.schemaType}, not Avro`);
    return { source: 'registry', version: latest.version, schema: JSON.parse(latest.schema) };
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
  if (pipeline.schemaFile === null)
    throw new AppError(
      404,
      'SCHEMA_FILE_NOT_FOUND',
      `${pipeline.subject} has no registered version and connectors/ has no ${pipeline.subject}.avsc: there is no current schema to evolve from`,
      { pipeline: pipeline.id },
    );
  return { source: 'file', version: null, schema: JSON.parse(await deps.schemaFiles.read(pipeline.schemaFile)) };
}

const isNotFound = (error: unknown) =>
  error instanceof AppError && (error.code === 'SUBJECT_NOT_FOUND' || error.code === 'VERSION_NOT_FOUND');

async function readSql(files: RepoFiles): Promise<{ name: string; content: string }[]> {
  const names = await files.list('sql');
  return Promise.all(names.map(async (name) => ({ name, content: await files.read('sql', name) })));
}

interface StepFacts {
  pipeline: PipelineRef;
  model: EvolutionModel;
  cluster: string | null;
  level: string;
  registered: { version: number } | null;
  deployed: string;
  config: Record<string, string>;
  files: { path: string; action: string }[];
  smoke: boolean;
}

function plannedSteps(f: StepFacts): EvolutionPlan['steps'] {
  const table = `${f.pipeline.database}.${f.pipeline.table}`;
  const added = f.model.additions.map((a) => `\`${a.column}\``).join(', ');
  const refresh = Number(f.config['tableRefreshInterval'] ?? 0);
  const detail: Record<EvolutionStepName, string> = {
    alter: f.model.additions.length
      ? `${f.model.additions.length} statement(s), each ADD COLUMN IF NOT EXISTS: ${added}${f.model.kept.length ? `; kept (never dropped): ${f.model.kept.map((k) => `\`${k.column}\``).join(', ')}` : ''}`
      : 'No column to add',
    columns: f.cluster
      ? `Wait until every replica of cluster ${f.cluster} lists the draft's columns in system.columns (clusterAllReplicas)`
      : `Wait until ${table} lists the draft's columns in system.columns`,
    compatibility: `Check the draft against ${f.pipeline.subject} under ${f.level}: the registry's verdict and the panel's own check`,
    register: f.registered
      ? `Already version ${f.registered.version} of ${f.pipeline.subject}: nothing to register`
      : `Register the draft as the next version of ${f.pipeline.subject}`,
    files: f.files.map((file) => `${file.path} (${file.action})`).join(', '),
    restart:
      f.deployed === 'no'
        ? `Connector ${f.pipeline.connectorName} is not deployed on Connect: nothing caches the table (skipped)`
        : `Restart connector ${f.pipeline.connectorName} and its tasks: a sink task reads the table's columns when it starts and ${
            refresh > 0
              ? `re-reads them only every ${refresh} s (tableRefreshInterval)`
              : 'keeps them (tableRefreshInterval 0, the default)'
          }, so it would not write the new columns until restarted${f.deployed.startsWith('unknown') ? ` (Connect: ${f.deployed})` : ''}`,
    contract: `Check the registered schema against ${table}'s live columns under the sink's type mapping`,
    smoke: f.smoke
      ? `Run the pipeline's smoke test: records through ${f.pipeline.topic} → ${table}, compared field by field`
      : 'Off (not requested)',
  };
  return (Object.keys(STEP_TITLES) as EvolutionStepName[]).map((name) => ({ name, title: STEP_TITLES[name], detail: detail[name] }));
}
