import { settingValues, tablePartitionKey } from '../clickhouse/table-facts.ts';
import { tableColumns } from '../clickhouse/table-columns.ts';
import type { ClickHouseClient } from '../clickhouse/client.ts';
import type { ContractSource, PipelineContractResponse, PipelineRef } from '../contracts/smoke.ts';
import { checkContract } from '../domain/contract/check.ts';
import { parseClickhouseSettings } from '../domain/contract/sink-settings.ts';
import { AppError } from '../errors/app-error.ts';
import type { RegistryClient } from '../registry/client.ts';
import { parseConnectorFile, type RepoFiles } from '../repo-files/index.ts';
import type { SchemaFiles } from './schema-files.ts';

export interface ContractDeps {
  clickhouse: ClickHouseClient;
  registry: RegistryClient;
  files: RepoFiles;
  schemaFiles: SchemaFiles;
}

export interface PipelineSchema {
  text: string;
  source: ContractSource;
  origin: string;
}

/** The pipeline's value schema: the repo file (default), or the subject's latest version in the registry. */
export async function pipelineSchema(deps: ContractDeps, pipeline: PipelineRef, source: ContractSource): Promise<PipelineSchema> {
  if (source === 'file') {
    if (pipeline.schemaFile === null) {
      throw new AppError(
        404,
        'SCHEMA_FILE_NOT_FOUND',
        `connectors/ has no ${pipeline.subject}.avsc for pipeline "${pipeline.id}"; add it, or check against the registry (?source=registry)`,
        { pipeline: pipeline.id },
      );
    }
    return { text: await deps.schemaFiles.read(pipeline.schemaFile), source, origin: `connectors/${pipeline.schemaFile}` };
  }
  const latest = await deps.registry.version(pipeline.subject, 'latest');
  if (latest.schemaType !== 'AVRO')
    throw new AppError(400, 'NOT_AVRO', `The latest version of ${pipeline.subject} is ${latest.schemaType}, not Avro`);
  return { text: latest.schema, source, origin: `registry ${pipeline.subject} v${latest.version}` };
}

/** What of the connector file changes the sink's behaviour for the contract (bypassSchemaValidation, clickhouseSettings). */
async function connectorSettings(files: RepoFiles, pipeline: PipelineRef): Promise<Record<string, string>> {
  return parseConnectorFile(pipeline.connectorFile, await files.read('connectors', pipeline.connectorFile)).config;
}

/** Records in one INSERT: the sink inserts at most one consumer poll per put() (max.poll.records, Kafka's default 500). */
export function insertBlockRecords(config: Record<string, string>, records: number, delivery: 'connector' | 'kafka-engine'): number {
  if (delivery === 'kafka-engine') return records;
  const maxPoll = Number(config['consumer.override.max.poll.records'] ?? 500);
  return Math.min(records, Number.isInteger(maxPoll) && maxPoll > 0 ? maxPoll : 500);
}

export interface ContractOptions {
  /** Records a smoke run produces (default 100); with the delivery, how many land in one INSERT block. */
  records?: number;
  delivery?: 'connector' | 'kafka-engine';
}

/** Compares the pipeline's Avro schema with the table's live columns; a missing table makes every field an error. */
export async function pipelineContract(
  deps: ContractDeps,
  pipeline: PipelineRef,
  source: ContractSource,
  options: ContractOptions = {},
): Promise<PipelineContractResponse> {
  return contractFor(deps, pipeline, await pipelineSchema(deps, pipeline, source), options);
}

export async function contractFor(
  deps: ContractDeps,
  pipeline: PipelineRef,
  schema: PipelineSchema,
  options: ContractOptions = {},
): Promise<PipelineContractResponse> {
  const source = schema.source;
  const [columns, config, subjectExists, partitionKey, settings] = await Promise.all([
    tableColumns(deps.clickhouse, pipeline.database, pipeline.table),
    connectorSettings(deps.files, pipeline),
    deps.registry.versions(pipeline.subject).then(
      (v) => v.length > 0,
      (error: unknown) => (error instanceof AppError && error.statusCode === 404 ? false : null),
    ),
    tablePartitionKey(deps.clickhouse, pipeline.database, pipeline.table),
    settingValues(deps.clickhouse, ['max_partitions_per_insert_block', 'throw_on_max_partitions_per_insert_block']),
  ]);
  const table = `${pipeline.database}.${pipeline.table}`;
  const base = { pipeline: pipeline.id, source, schemaOrigin: schema.origin, subjectExists, table };
  if (columns === null) {
    const report = checkContract(schema.text, []);
    return {
      ...base,
      tableExists: false,
      verdict: 'error',
      fields: report.fields.map((f) => ({
        ...f,
        verdict: 'error',
        reason: `Table ${table} does not exist, so field "${f.field}" has no column.${f.suggestedType ? ` Suggested type: ${f.suggestedType}.` : ''}`,
      })),
      summary: `ERROR: ClickHouse has no table ${table}; create it (a file in sql/, e.g. from the Tables screen) before deploying the sink`,
    };
  }
  const limit = Number(settings['max_partitions_per_insert_block'] ?? 100);
  const report = checkContract(schema.text, columns, {
    bypassSchemaValidation: config['bypassSchemaValidation'] === 'true',
    clickhouseSettings: parseClickhouseSettings(config['clickhouseSettings']),
    partitioning: {
      partitionKey: partitionKey ?? '',
      batchRecords: insertBlockRecords(config, options.records ?? 100, options.delivery ?? 'connector'),
      maxPartitionsPerInsertBlock: Number.isFinite(limit) ? limit : 100,
      throwOnLimit: settings['throw_on_max_partitions_per_insert_block'] !== '0',
    },
  });
  return { ...base, tableExists: true, ...report };
}
