/**
 * The apply operation: topic → schema → table → files → connector → smoke test, each step idempotent (what is
 * already in place is reported as unchanged). The first failure stops the run; the report then says what was done
 * and what was left, and applying again completes it.
 */
import { tableColumns } from '../clickhouse/table-columns.ts';
import { CLICKHOUSE_SINK_CLASS } from '../connect/client.ts';
import { diffConfigs } from '../connect/config-diff.ts';
import { pluginInstallFix, pluginMissingMessage } from '../connect/plugin-advice.ts';
import { pluginMatches } from '../connect/preflight.ts';
import type { WizardStepName } from '../contracts/wizard.ts';
import { quoteIdentifier } from '../domain/names.ts';
import { columnDifferences, replicationOf } from '../domain/wizard-plan/plan.ts';
import { retargetTableSql } from '../domain/wizard-plan/table-sql.ts';
import { isAppError } from '../errors/app-error.ts';
import { runSteps } from '../operations/index.ts';
import { assertReplicationFactor } from '../services/cluster.ts';
import type { WizardDeps } from './deps.ts';
import { STEP_ORDER, type ApplyOperation } from './operation.ts';
import type { ResolvedPipeline } from './pipeline.ts';
import { readRepoFile, writeRepoFile } from './repo-writer.ts';
import { scratchTable } from './scratch.ts';

export const SMOKE_RECORDS = 10;
export const SMOKE_TIMEOUT_MS = 120_000;

interface StepOutcome {
  changed: boolean;
  detail: string;
  skipped?: boolean;
}

class StepFailure extends Error {}

type StepFn = (deps: WizardDeps, p: ResolvedPipeline, op: ApplyOperation, options: { smoke: boolean }) => Promise<StepOutcome>;

const steps: Record<WizardStepName, StepFn> = {
  async topic(deps, p) {
    if (await deps.kafka.describeTopic(p.topic.name)) return { changed: false, detail: `Topic ${p.topic.name} already exists; unchanged` };
    await assertReplicationFactor(deps.kafka, p.topic.replicationFactor);
    await deps.kafka.createTopic({
      name: p.topic.name,
      partitions: p.topic.partitions,
      retentionMs: p.topic.retentionMs ?? undefined,
      replicationFactor: p.topic.replicationFactor ?? undefined,
    });
    return {
      changed: true,
      detail: `Created topic ${p.topic.name} with ${p.topic.partitions} partition(s), ${replicationOf(p.topic.replicationFactor)}`,
    };
  },
  async schema(deps, p) {
    const found = await deps.registry.lookup(p.subject, p.schema);
    if (found)
      return { changed: false, detail: `Already registered as version ${found.version} of ${p.subject} (id ${found.id}); unchanged` };
    const { id } = await deps.registry.register(p.subject, p.schema);
    const now = await deps.registry.lookup(p.subject, p.schema);
    return { changed: true, detail: `Registered as version ${now?.version ?? '?'} of ${p.subject} (id ${id})` };
  },
  async table(deps, p) {
    const target = `${p.database}.${p.table}`;
    const live = await tableColumns(deps.clickhouse, p.database, p.table);
    if (live !== null) {
      const differences = columnDifferences(live, (await scratchTable(deps.clickhouse, p.tableSql, p)).columns);
      if (differences.length > 0)
        throw new StepFailure(`Table ${target} exists with different columns (${differences.join('; ')}); it is never altered or replaced`);
      return { changed: false, detail: `Table ${target} exists with the same columns; unchanged` };
    }
    const statement = retargetTableSql(p.tableSql, p, p.database, { ifNotExists: true });
    if (!statement.ok) throw new StepFailure(statement.reason);
    await deps.clickhouse.command(`CREATE DATABASE IF NOT EXISTS ${quoteIdentifier(p.database)}`);
    await deps.clickhouse.command(statement.statement);
    return { changed: true, detail: `Created table ${target}` };
  },
  async files(deps, p) {
    const written: string[] = [];
    const same: string[] = [];
    for (const file of p.files) {
      const existing = await readRepoFile(deps.projectDir, file);
      if (existing === file.content) {
        same.push(file.path);
        continue;
      }
      if (existing !== null && !p.overwrite.includes(file.path))
        throw new StepFailure(`${file.path} exists with other content and was not ticked for overwriting; nothing more was written`);
      await writeRepoFile(deps.projectDir, file, file.content);
      written.push(file.path);
    }
    if (written.length === 0) return { changed: false, detail: `${same.join(', ')} already up to date; unchanged` };
    return { changed: true, detail: `Wrote ${written.join(', ')}${same.length ? ` (${same.join(', ')} unchanged)` : ''}` };
  },
  async connector(deps, p) {
    const { name, config } = p.connector;
    if (p.skipConnectorDeploy)
      return {
        changed: false,
        skipped: true,
        detail: `Not deployed, as requested; connectors/${name}.json is written — deploy it from the Connectors screen once the ClickHouse sink plugin is installed`,
      };
    const plugins = await deps.connect.plugins();
    if (!plugins.some((plugin) => pluginMatches(plugin, CLICKHOUSE_SINK_CLASS))) {
      throw new StepFailure(
        `${pluginMissingMessage(CLICKHOUSE_SINK_CLASS, deps.connect.url)}; ${pluginInstallFix(CLICKHOUSE_SINK_CLASS)}, ` +
          `or apply again with "skip connector deployment" (the files are written either way)`,
      );
    }
    const deployed = await deps.connect.config(name);
    const diff = diffConfigs(name, config, deployed);
    if (deployed !== null && diff.length === 0)
      return { changed: false, detail: `Connector ${name} is deployed with this config; unchanged` };
    if (deployed !== null && !p.overwrite.includes(`connector/${name}`))
      throw new StepFailure(
        `Connector ${name} is deployed with a different config (${diff.map((d) => d.key).join(', ')}); tick "overwrite connector/${name}" to update it`,
      );
    const { created } = await deps.connect.putConfig(name, config);
    return {
      changed: true,
      detail: created ? `Deployed connector ${name}` : `Updated connector ${name} (${diff.map((d) => d.key).join(', ')})`,
    };
  },
  async smoke(deps, p, op, options) {
    if (!options.smoke)
      return { changed: false, skipped: true, detail: 'Not started (not requested); start it from the wizard or the Smoke test screen' };
    if (!deps.smoke) return { changed: false, skipped: true, detail: 'The smoke runner is not available in this panel' };
    const run = await deps.smoke.start({ pipeline: p.connector.name, records: SMOKE_RECORDS, timeoutMs: SMOKE_TIMEOUT_MS });
    op.report.smokeRunId = run.report.runId;
    return {
      changed: true,
      detail: `Started smoke run ${run.report.runId} (${SMOKE_RECORDS} records through ${p.topic.name} → ${p.database}.${p.table})`,
    };
  },
};

export async function runApply(deps: WizardDeps, p: ResolvedPipeline, op: ApplyOperation, options: { smoke: boolean }): Promise<void> {
  let changedAny = false;
  const outcome = await runSteps(
    op,
    STEP_ORDER.map((name) => ({
      key: name,
      run: async () => {
        const outcome = await steps[name](deps, p, op, options);
        if (name !== 'smoke') changedAny ||= outcome.changed;
        return { status: outcome.skipped ? 'skipped' : 'ok', changed: outcome.changed, detail: outcome.detail };
      },
    })),
    { fail: (_name, error) => ({ status: 'failed', changed: false, detail: failureMessage(error) }) },
  );
  if (!outcome.ok) {
    const failed = op.step(outcome.key);
    op.finish({
      status: 'failed',
      message: `${failed.title} failed: ${failed.detail}. Done: ${op.report.done.join(', ') || 'nothing'}; not done: ${op.report.left.join(', ')}. Fix the cause and apply again — finished steps are kept.`,
    });
    return;
  }
  op.finish({
    status: 'succeeded',
    message: changedAny ? `Applied pipeline ${p.connector.name}` : `Nothing changed: pipeline ${p.connector.name} was already in place`,
  });
}

function failureMessage(error: unknown): string {
  return error instanceof StepFailure || isAppError(error) ? error.message : `${(error as Error).name}: ${(error as Error).message}`;
}
