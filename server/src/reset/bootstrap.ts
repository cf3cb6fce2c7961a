import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import type { ClickHouseClient } from '../clickhouse/client.ts';
import { splitStatements } from '../domain/sql-statements.ts';
import type { ConnectClient } from '../connect/client.ts';
import { diffConfigs } from '../connect/config-diff.ts';
import type { ResetBootstrapPlan, ResetItem } from '../contracts/reset.ts';
import type { RegistryClient } from '../registry/client.ts';
import { MAX_REPO_FILE_BYTES, parseConnectorFile, type RepoFiles } from '../repo-files/index.ts';
import { RUN_AGAIN, StepFailure, toFailure, untilReachable } from './failure.ts';
import { subjectForSchemaFile } from './plan.ts';

/** Where the bootstrap sends the repo's files: the panel's configured clients (PANEL_* settings). */
export interface BootstrapTargets {
  projectDir: string;
  files: RepoFiles;
  clickhouse: ClickHouseClient;
  registry: RegistryClient;
  connect: ConnectClient;
}

export interface BootstrapContext {
  targets: BootstrapTargets;
  /** How long to wait for a service that does not answer yet (it may just have been started). */
  waitMs: number;
  item(item: ResetItem): void;
  detail(text: string): void;
}

const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*\.avsc$/;

/** connectors/*.avsc (safe names, regular files inside connectors/), sorted. */
export async function listSchemaFiles(projectDir: string): Promise<string[]> {
  try {
    return (await readdir(join(projectDir, 'connectors'))).filter((n) => SAFE_NAME.test(n)).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

async function readSchemaFile(projectDir: string, file: string): Promise<string> {
  const dir = await realpath(join(projectDir, 'connectors'));
  const real = await realpath(join(dir, file));
  const info = await stat(real);
  if (!real.startsWith(dir + sep) || !info.isFile() || info.size > MAX_REPO_FILE_BYTES) {
    throw new StepFailure(
      'repo files',
      `connectors/${file} is not a regular file inside connectors/ under ${MAX_REPO_FILE_BYTES} bytes`,
      `Fix connectors/${file}; ${RUN_AGAIN}`,
    );
  }
  return readFile(real, 'utf8');
}

export async function bootstrapPlan(targets: BootstrapTargets): Promise<ResetBootstrapPlan> {
  const [sql, schemaFiles, connectors] = await Promise.all([
    targets.files.list('sql'),
    listSchemaFiles(targets.projectDir),
    targets.files.list('connectors'),
  ]);
  return { sql, schemas: schemaFiles.map((file) => ({ file, subject: subjectForSchemaFile(file) })), connectors };
}

/** Runs one file's work; a failure names the service and, for a refusal, the file to fix. */
async function perFile(file: string, service: string, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    const failure = toFailure(error, service, `Fix ${file} (or the ${service} state it conflicts with)`);
    throw new StepFailure(failure.service, `${file}: ${failure.message}`, failure.fix);
  }
}

/** Applies every sql/*.sql file in name order, statement by statement (ClickHouse's HTTP interface runs one per request). */
export async function applySqlFiles(ctx: BootstrapContext): Promise<string> {
  const { files, clickhouse } = ctx.targets;
  const names = await files.list('sql');
  let statements = 0;
  for (const file of names) {
    ctx.detail(`Applying sql/${file}`);
    await perFile(`sql/${file}`, 'ClickHouse', async () => {
      const parts = splitStatements(await files.read('sql', file));
      for (const statement of parts)
        await untilReachable(
          () => clickhouse.command(statement),
          ctx.waitMs,
          (why) => ctx.detail(`Waiting for ClickHouse: ${why}`),
        );
      statements += parts.length;
      ctx.item({ name: `sql/${file}`, outcome: 'applied', message: `${parts.length} statement${parts.length === 1 ? '' : 's'} applied` });
    });
  }
  return names.length === 0
    ? 'sql/ holds no .sql files; nothing to apply'
    : `Applied ${names.length} file(s), ${statements} statement(s), in name order`;
}

/** Registers each connectors/*.avsc under its subject; a schema already registered there is left as it is. */
export async function registerSchemaFiles(ctx: BootstrapContext): Promise<string> {
  const { registry, projectDir } = ctx.targets;
  const names = await listSchemaFiles(projectDir);
  let registered = 0;
  for (const file of names) {
    const subject = subjectForSchemaFile(file);
    ctx.detail(`Registering connectors/${file} as ${subject}`);
    await perFile(`connectors/${file}`, 'Schema Registry', async () => {
      const text = await readSchemaFile(projectDir, file);
      try {
        JSON.parse(text);
      } catch (error) {
        throw new StepFailure('repo files', `not valid JSON: ${(error as Error).message}`, `Fix connectors/${file}; ${RUN_AGAIN}`);
      }
      const wait = (why: string) => ctx.detail(`Waiting for the Schema Registry: ${why}`);
      const existing = await untilReachable(() => registry.lookup(subject, text), ctx.waitMs, wait);
      if (existing) {
        ctx.item({ name: subject, outcome: 'unchanged', message: `already registered (version ${existing.version}, id ${existing.id})` });
        return;
      }
      const { id } = await untilReachable(() => registry.register(subject, text), ctx.waitMs, wait);
      registered++;
      ctx.item({ name: subject, outcome: 'registered', message: `registered from connectors/${file} (id ${id})` });
    });
  }
  return names.length === 0
    ? 'connectors/ holds no .avsc schemas; nothing to register'
    : `${registered} of ${names.length} schema(s) registered, the rest already were`;
}

/** PUTs each connectors/*.json config (idempotent): created, updated when it differs, unchanged otherwise. */
export async function deployConnectorFiles(ctx: BootstrapContext): Promise<string> {
  const { files, connect } = ctx.targets;
  const names = await files.list('connectors');
  const counts = { created: 0, updated: 0, unchanged: 0 };
  for (const file of names) {
    ctx.detail(`Deploying connectors/${file}`);
    await perFile(`connectors/${file}`, 'Kafka Connect', async () => {
      const { name, config } = parseConnectorFile(file, await files.read('connectors', file));
      const wait = (why: string) => ctx.detail(`Waiting for Kafka Connect: ${why}`);
      const deployed = await untilReachable(() => connect.config(name), ctx.waitMs, wait);
      if (deployed !== null && diffConfigs(name, config, deployed).length === 0) {
        counts.unchanged++;
        ctx.item({ name, outcome: 'unchanged', message: `already deployed with the config of connectors/${file}` });
        return;
      }
      const { created } = await untilReachable(() => connect.putConfig(name, config), ctx.waitMs, wait);
      counts[created ? 'created' : 'updated']++;
      ctx.item({ name, outcome: created ? 'created' : 'updated', message: `${created ? 'created' : 'updated'} from connectors/${file}` });
    });
  }
  return names.length === 0
    ? 'connectors/ holds no .json connector files; nothing to deploy'
    : `${counts.created} created, ${counts.updated} updated, ${counts.unchanged} unchanged (of ${names.length})`;
}
