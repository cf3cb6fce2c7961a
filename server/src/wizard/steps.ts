/** The wizard's per-step validations (steps 1–4). Each answers 200 with what it found or a specific 4xx. */
import { tableColumns } from '../clickhouse/table-columns.ts';
import { CLICKHOUSE_SINK_CLASS } from '../connect/client.ts';
import { pluginMatches, sinkTargets } from '../connect/preflight.ts';
import { validateConnectorConfig } from '../connect/validate-config.ts';
import type {
  WizardConnectorGenerateInput,
  WizardConnectorGenerateResult,
  WizardConnectorValidateInput,
  WizardConnectorValidateResult,
  WizardInferInput,
  WizardInferResult,
  WizardLatestSchema,
  WizardSchemaResult,
  WizardTableGenerateInput,
  WizardTableGenerateResult,
  WizardTableValidateInput,
  WizardTableValidateResult,
  WizardTopicInput,
  WizardTopicResult,
} from '../contracts/wizard.ts';
import { describeAvro, parseAvroSchema, splitNullable } from '../domain/avro/model.ts';
import { generateSinkConfig, validateSinkConfigKeys } from '../domain/connector-config/sink-config.ts';
import { checkContract } from '../domain/contract/check.ts';
import { generateTableDdl } from '../domain/ddl/generate-table.ts';
import { inferAvroSchema, parseSamples, recordNameForTopic } from '../domain/infer-schema/infer.ts';
import { validateTopicName } from '../domain/names.ts';
import { connectorFileName, schemaFileName, suggestedNames } from '../domain/wizard-plan/file-names.ts';
import { columnDifferences } from '../domain/wizard-plan/plan.ts';
import { parseTableSql } from '../domain/wizard-plan/table-sql.ts';
import { AppError, isAppError } from '../errors/app-error.ts';
import { sampleRecentMessages } from '../kafka/sample-messages.ts';
import { confluentSchemaId, writerSchemaOf } from '../registry/wire-format.ts';
import { parseConnectorFile, type ConnectorFileContent } from '../repo-files/index.ts';
import { STACK_CONNECTOR_DEFAULTS, type WizardDeps } from './deps.ts';
import { assertReplicationFactor } from '../services/cluster.ts';
import { scratchTable } from './scratch.ts';

export const subjectOf = (topic: string) => `${topic}-value`;

/** Topic names the wizard accepts: Kafka's rule, plus a first letter/digit so connectors/<topic>-value.avsc is a schema file. */
export function assertWizardTopic(name: string, existing: readonly string[] = []): string[] {
  const check = validateTopicName(name, existing);
  if (!check.ok) throw new AppError(400, 'INVALID_TOPIC_NAME', check.reason, { field: 'name' });
  const file = schemaFileName(name);
  if (!file.ok) throw new AppError(400, 'INVALID_TOPIC_NAME', file.reason, { field: 'name' });
  return check.warnings;
}

export async function validateTopic(deps: WizardDeps, input: WizardTopicInput): Promise<WizardTopicResult> {
  if (input.mode !== 'existing' && input.mode !== 'new')
    throw new AppError(400, 'VALIDATION_FAILED', 'mode must be "existing" or "new"', { field: 'mode' });
  assertWizardTopic(input.name);
  const warnings = assertWizardTopic(input.name, await deps.kafka.topicNames());
  const suggested = { ...suggestedNames(input.name), recordName: recordNameForTopic(input.name) };
  const detail = await deps.kafka.describeTopic(input.name);
  if (input.mode === 'existing') {
    if (!detail)
      throw new AppError(
        404,
        'TOPIC_NOT_FOUND',
        `Kafka has no topic "${input.name}"; pick one from the list, or choose "new topic" to create it`,
        { field: 'name' },
      );
    return {
      name: input.name,
      exists: true,
      partitions: detail.partitions.length,
      retentionMs: detail.retentionMs,
      replicationFactor: detail.replicationFactor,
      messages: detail.endOffset,
      subject: subjectOf(input.name),
      suggested,
      warnings,
    };
  }
  // Ranges were checked by the route's schema.
  const partitions = input.partitions ?? 1;
  const retentionMs = input.retentionMs ?? null;
  if (detail)
    throw new AppError(
      409,
      'TOPIC_EXISTS',
      `Topic "${input.name}" already exists (${detail.partitions.length} partition(s)); choose "existing topic" to use it`,
      { field: 'name' },
    );
  const replicationFactor = input.replicationFactor ?? null;
  await assertReplicationFactor(deps.kafka, replicationFactor);
  return {
    name: input.name,
    exists: false,
    partitions,
    retentionMs,
    replicationFactor,
    messages: 0,
    subject: subjectOf(input.name),
    suggested,
    warnings,
  };
}

export async function latestSchema(deps: WizardDeps, topic: string): Promise<WizardLatestSchema> {
  assertWizardTopic(topic);
  const subject = subjectOf(topic);
  try {
    const latest = await deps.registry.version(subject, 'latest');
    return { subject, exists: true, version: latest.version, id: latest.id, schema: pretty(latest.schema) };
  } catch (error) {
    if (isAppError(error) && error.statusCode === 404) return { subject, exists: false, version: null, id: null, schema: null };
    throw error;
  }
}

function pretty(schemaText: string): string {
  try {
    return JSON.stringify(JSON.parse(schemaText), null, 2);
  } catch {
    return schemaText;
  }
}

export const MAX_SAMPLE_MESSAGES = 500;

export async function inferSchema(deps: WizardDeps, input: WizardInferInput): Promise<WizardInferResult> {
  const recordName = input.recordName || (input.topic ? recordNameForTopic(input.topic) : 'Value');
  if (input.source === 'samples') {
    const parsed = parseSamples(input.samples ?? '');
    if (!parsed.ok) throw new AppError(400, 'INVALID_SAMPLES', parsed.error, { field: 'samples' });
    return fromJson(parsed.samples, recordName, []);
  }
  if (input.source !== 'topic') throw new AppError(400, 'VALIDATION_FAILED', 'source must be "topic" or "samples"', { field: 'source' });
  const topic = input.topic || '';
  assertWizardTopic(topic);
  const limit = input.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_SAMPLE_MESSAGES)
    throw new AppError(400, 'VALIDATION_FAILED', `limit must be 1..${MAX_SAMPLE_MESSAGES}`, { field: 'limit' });
  if (!(await deps.kafka.describeTopic(topic)))
    throw new AppError(404, 'TOPIC_NOT_FOUND', `Kafka has no topic "${topic}"`, { field: 'topic' });
  const messages = (await sampleRecentMessages(deps.kafka.connection, topic, limit)).filter((m) => m.value !== null && m.value.length > 0);
  if (messages.length === 0)
    throw new AppError(400, 'NO_MESSAGES', `Topic "${topic}" has no messages to sample; paste JSON samples or an Avro schema instead`, {
      field: 'source',
    });

  const framed = messages.filter((m) => confluentSchemaId(m.value) !== null);
  if (framed.length > 0) {
    const newest = framed[framed.length - 1]!;
    const writer = await writerSchemaOf(deps.registry.endpoint, newest.value!).catch((error: Error) => {
      if (isAppError(error) || error.name === 'UpstreamError') throw error;
      throw new AppError(
        400,
        'UNDECODABLE_MESSAGES',
        `Message at partition ${newest.partition} offset ${newest.offset} looks Confluent-framed but ${error.message}`,
        { field: 'source' },
      );
    });
    const ids = [...new Set(framed.map((m) => confluentSchemaId(m.value)))];
    const notes = [
      `${framed.length} of ${messages.length} sampled message(s) are Avro in the Confluent wire format; this is the writer schema (id ${writer.id}) of the newest one`,
    ];
    if (ids.length > 1) notes.push(`the samples were written with ${ids.length} schema ids (${ids.join(', ')}); the newest is shown`);
    if (framed.length < messages.length) notes.push(`${messages.length - framed.length} message(s) are not Avro-framed and were ignored`);
    return { schema: pretty(writer.schema), origin: 'registry', sampled: messages.length, notes };
  }
  const values: unknown[] = [];
  let undecodable = 0;
  for (const message of messages) {
    try {
      values.push(JSON.parse(message.value!.toString('utf8')));
    } catch {
      undecodable += 1;
    }
  }
  if (values.length === 0)
    throw new AppError(
      400,
      'UNDECODABLE_MESSAGES',
      `None of the ${messages.length} sampled message(s) of "${topic}" is JSON or Confluent-framed Avro; paste a schema instead`,
      { field: 'source' },
    );
  return fromJson(values, recordName, undecodable > 0 ? [`${undecodable} message(s) were neither JSON nor Avro and were ignored`] : []);
}

function fromJson(samples: unknown[], recordName: string, notes: string[]): WizardInferResult {
  const inferred = inferAvroSchema(samples, { recordName });
  if (!inferred.ok)
    throw new AppError(400, 'INFERENCE_REFUSED', `No schema could be inferred: ${inferred.errors.join('; ')}`, {
      field: 'samples',
      errors: inferred.errors,
    });
  return {
    schema: JSON.stringify(inferred.schema, null, 2),
    origin: 'inferred',
    sampled: samples.length,
    notes: [...notes, ...inferred.notes],
  };
}

/** Parses the schema text; 400 INVALID_AVRO with avsc's message, 400 SCHEMA_NOT_RECORD for a non-record. */
export function parseRecordSchema(text: string): {
  json: unknown;
  pretty: string;
  parsed: Extract<ReturnType<typeof parseAvroSchema>, { ok: true }>;
} {
  const parsed = parseAvroSchema(text);
  if (!parsed.ok) throw new AppError(400, 'INVALID_AVRO', `Invalid Avro schema: ${parsed.message}`, { field: 'schema' });
  if (parsed.root.kind !== 'record')
    throw new AppError(
      400,
      'SCHEMA_NOT_RECORD',
      `The value schema must be a record (one field per column); got ${describeAvro(parsed.root)}`,
      { field: 'schema' },
    );
  return { json: parsed.schema, pretty: JSON.stringify(parsed.schema, null, 2), parsed };
}

/**
 * The exact text registered AND written to connectors/<topic>-value.avsc. The smoke test registers the file's text
 * verbatim, and some registries (Apicurio's ccompat API) compare texts rather than parsed schemas, so both must be
 * byte-identical or the smoke test would add a needless second version.
 */
export function schemaFileText(pretty: string): string {
  return `${pretty}\n`;
}

const TEMPORAL = new Set(['date', 'timestamp-millis', 'timestamp-micros', 'local-timestamp-millis', 'local-timestamp-micros']);

export async function validateSchema(deps: WizardDeps, topic: string, schema: string): Promise<WizardSchemaResult> {
  assertWizardTopic(topic);
  const { pretty, parsed } = parseRecordSchema(schema);
  const text = schemaFileText(pretty);
  const subject = subjectOf(topic);
  const root = parsed.root as Extract<typeof parsed.root, { kind: 'record' }>;
  const fields = root.fields.map((f) => {
    const { nullable, inner } = splitNullable(f.type);
    return {
      name: f.name,
      type: describeAvro(f.type),
      nullable,
      temporal: inner.kind === 'logical' && TEMPORAL.has(inner.logicalType),
      string: inner.kind === 'primitive' && inner.type === 'string',
    };
  });
  const registered = await deps.registry.lookup(subject, text);
  if (registered) {
    return {
      subject,
      schema: pretty,
      fields,
      compatibility: {
        subjectExists: true,
        compatible: true,
        registered: true,
        version: registered.version,
        messages: [`already registered as version ${registered.version} (id ${registered.id})`],
      },
    };
  }
  const answer = await deps.registry.checkCompatibility(subject, text);
  return {
    subject,
    schema: pretty,
    fields,
    compatibility:
      answer === null
        ? {
            subjectExists: false,
            compatible: null,
            registered: false,
            version: null,
            messages: [`${subject} does not exist yet; this schema becomes version 1`],
          }
        : { subjectExists: true, compatible: answer.compatible, registered: false, version: null, messages: answer.messages },
  };
}

export function generateTable(input: WizardTableGenerateInput): WizardTableGenerateResult {
  const schema = parseRecordSchema(input.schema);
  const result = generateTableDdl({
    database: input.database,
    table: input.table,
    schema: schema.json as object,
    engine: input.engine ?? 'MergeTree',
    orderBy: input.orderBy ?? [],
    partitionBy: input.partitionBy || undefined,
    lowCardinality: input.lowCardinality ?? [],
  });
  if (!result.ok)
    throw new AppError(400, 'DDL_REFUSED', `The table cannot be generated: ${result.errors.join('; ')}`, { errors: result.errors });
  return { sql: result.sql, columns: result.columns, contract: result.contract };
}

export async function validateTable(deps: WizardDeps, input: WizardTableValidateInput): Promise<WizardTableValidateResult> {
  const schema = parseRecordSchema(input.schema);
  const target = { database: input.database, table: input.table };
  const shape = parseTableSql(input.sql, target);
  if (!shape.ok) throw new AppError(400, 'INVALID_TABLE_SQL', shape.reason, { field: 'sql' });
  const scratch = await scratchTable(deps.clickhouse, input.sql, target);
  const contract = checkContract(schema.json as object, scratch.columns);
  if (contract.verdict === 'error') {
    throw new AppError(400, 'CONTRACT_FAILED', `The table does not accept the schema's records: ${contract.summary}`, {
      field: 'sql',
      contract,
      columns: scratch.columns,
    });
  }
  const live = await tableColumns(deps.clickhouse, input.database, input.table);
  const target_ =
    live === null
      ? { exists: false, sameColumns: null }
      : { exists: true, sameColumns: columnDifferences(live, scratch.columns).length === 0 };
  return {
    scratchDatabase: scratch.database,
    dropped: scratch.dropped,
    columns: scratch.columns,
    engine: scratch.engine,
    contract,
    target: target_,
  };
}

export function generateConnector(deps: WizardDeps, input: WizardConnectorGenerateInput): WizardConnectorGenerateResult {
  assertWizardTopic(input.topic);
  const names = suggestedNames(input.topic);
  const defaults = deps.connectorDefaults ?? STACK_CONNECTOR_DEFAULTS;
  const name = input.name || names.connector;
  const file = connectorFileName(name);
  if (!file.ok) throw new AppError(400, 'INVALID_CONNECTOR_NAME', file.reason, { field: 'name' });
  const result = generateSinkConfig({
    name,
    topic: input.topic,
    table: input.table,
    database: input.database,
    registryUrl: defaults.registryUrl,
    clickhouse: defaults.clickhouse,
    dlqTopic: input.dlqTopic === null ? undefined : input.dlqTopic || names.dlqTopic,
  });
  if (!result.ok)
    throw new AppError(400, 'CONNECTOR_REFUSED', `The connector config cannot be generated: ${result.errors.join('; ')}`, {
      errors: result.errors,
    });
  const content = { name: result.value.name, config: result.value.config };
  return { file: content, text: `${JSON.stringify(content, null, 2)}\n`, reasons: result.value.reasons };
}

/** Parses the connector file text and checks it reads this topic into this table; 400 otherwise. */
export function parseWizardConnector(text: string, target: { topic: string; database: string; table: string }): ConnectorFileContent {
  try {
    JSON.parse(text);
  } catch (error) {
    throw new AppError(400, 'INVALID_CONNECTOR_JSON', `The connector config is not valid JSON: ${(error as Error).message}`, {
      field: 'connector',
    });
  }
  let content: ConnectorFileContent;
  try {
    content = parseConnectorFile('(wizard)', text);
  } catch (error) {
    throw new AppError(400, 'INVALID_CONNECTOR_JSON', (error as Error).message.replace('connectors/(wizard)', 'The connector config'), {
      field: 'connector',
    });
  }
  const file = connectorFileName(content.name);
  if (!file.ok) throw new AppError(400, 'INVALID_CONNECTOR_NAME', file.reason, { field: 'connector' });
  if (content.config['connector.class'] !== CLICKHOUSE_SINK_CLASS) {
    throw new AppError(
      400,
      'CONNECTOR_TARGET_MISMATCH',
      `connector.class must be ${CLICKHOUSE_SINK_CLASS} (the ClickHouse sink); got ${content.config['connector.class']}`,
      { field: 'connector' },
    );
  }
  const targets = sinkTargets(content.config);
  const database = content.config['database']?.trim() || 'default';
  const wanted = `${target.topic} → ${target.database}.${target.table}`;
  if (
    content.config['topics.regex'] ||
    targets.length !== 1 ||
    targets[0]!.topic !== target.topic ||
    targets[0]!.table !== target.table ||
    database !== target.database
  ) {
    const got =
      targets.map((t) => `${t.topic} → ${database}.${t.table}`).join(', ') ||
      (content.config['topics.regex'] ? `topics.regex ${content.config['topics.regex']}` : 'no topics');
    throw new AppError(
      400,
      'CONNECTOR_TARGET_MISMATCH',
      `The connector must read exactly ${wanted} (topics, topic2TableMap, database); it reads ${got}`,
      { field: 'connector' },
    );
  }
  return content;
}

export async function validateConnector(deps: WizardDeps, input: WizardConnectorValidateInput): Promise<WizardConnectorValidateResult> {
  const content = parseWizardConnector(input.text, input);
  const plugins = await deps.connect.plugins();
  const installed = plugins.some((p) => pluginMatches(p, CLICKHOUSE_SINK_CLASS));
  if (installed) {
    const result = await validateConnectorConfig(deps.connect.endpoint, deps.connectTimeoutMs ?? 10_000, CLICKHOUSE_SINK_CLASS, {
      ...content.config,
      name: content.name,
    });
    return {
      ok: result.errorCount === 0,
      name: content.name,
      validatedBy: 'connect',
      pluginInstalled: true,
      message:
        result.errorCount === 0
          ? `Kafka Connect validated the config: no errors`
          : `Kafka Connect reports ${result.errorCount} config error(s)`,
      errors: result.errors,
    };
  }
  const keys = validateSinkConfigKeys(content.config);
  const problems = [...keys.missing.map((k) => `missing ${k}`), ...keys.unknown.map((k) => `unknown key ${k}`), ...keys.problems];
  return {
    ok: problems.length === 0,
    name: content.name,
    validatedBy: 'keys',
    pluginInstalled: false,
    message:
      `Validation by Kafka Connect skipped: the ClickHouse sink plugin (${CLICKHOUSE_SINK_CLASS}) is not installed on the worker at ${deps.connect.url}; ` +
      (problems.length === 0
        ? 'the keys were checked locally and are all known to the sink or Connect'
        : `the local key check found ${problems.length} problem(s)`),
    errors: problems.length === 0 ? [] : [{ key: '*', messages: problems }],
  };
}
