/**
 * Applying an evolution plan, step by step, each one checking first what is already so ("already done, nothing
 * changed") — so a failed run is finished by running it again, and a second run of a finished one changes nothing.
 * The first failure stops the run; the report says what was done and what was left.
 */
import { columnsOnReplicas } from '../../clickhouse/replicas.ts';
import { tableColumns } from '../../clickhouse/table-columns.ts';
import type { EvolutionOperation, EvolutionStep, EvolutionStepName } from '../../contracts/evolution.ts';
import { EVOLUTION_STEPS } from '../../contracts/evolution.ts';
import { isAppError } from '../../errors/app-error.ts';
import { runSteps } from '../../operations/index.ts';
import { contractFor } from '../../pipelines/contract.ts';
import { writeRepoFile, readRepoFile } from '../../wizard/repo-writer.ts';
import { createCompatibilityCheck } from '../schema-compatibility.ts';
import { createSchemaReads } from '../schema-versions.ts';
import type { EvolutionOperationModel } from './operation.ts';
import type { EvolutionDeps, ResolvedEvolution } from './plan.ts';

export const SMOKE_RECORDS = 10;
export const SMOKE_TIMEOUT_MS = 120_000;
const POLL_MS = 500;

interface Outcome {
  /** null for a step that only checks. */
  changed: boolean | null;
  detail: string;
  skipped?: boolean;
}

class StepFailure extends Error {}

interface RunContext {
  deps: EvolutionDeps;
  r: ResolvedEvolution;
  op: EvolutionOperationModel;
  /** The last finished run of this same plan in this panel, if any. */
  previous: EvolutionOperation | null;
  changedSoFar: () => boolean;
}

const ALREADY = 'Already done, nothing changed';

const steps: Record<EvolutionStepName, (ctx: RunContext) => Promise<Outcome>> = {
  async alter({ deps, r }) {
    if (r.model.additions.length === 0) return { changed: false, detail: 'No column to add' };
    const live = new Set(((await tableColumns(deps.clickhouse, r.pipeline.database, r.pipeline.table)) ?? []).map((c) => c.name));
    const added: string[] = [];
    for (const addition of r.model.additions) {
      if (live.has(addition.column)) continue;
      await deps.clickhouse.command(addition.statement);
      added.push(`\`${addition.column}\` ${addition.type}`);
    }
    const present = r.model.additions.filter((a) => live.has(a.column)).map((a) => `\`${a.column}\``);
    if (added.length === 0) return { changed: false, detail: `${ALREADY}: ${present.join(', ')} exist` };
    return { changed: true, detail: `Added ${added.join(', ')}${present.length ? ` (${present.join(', ')} existed)` : ''}` };
  },

  async columns({ deps, r, op }) {
    const wanted = [...new Set([...r.model.additions.map((a) => a.column), ...fieldColumns(r)])];
    const deadline = Date.now() + (deps.columnsTimeoutMs ?? 60_000);
    for (;;) {
      const { replicas, expected } = await columnsOnReplicas(deps.clickhouse, r.plan.cluster, r.pipeline.database, r.pipeline.table);
      const lacking = replicas
        .map((x) => ({ host: x.host, missing: wanted.filter((c) => !x.columns.includes(c)) }))
        .filter((x) => x.missing.length);
      const where = r.plan.cluster ? `${replicas.length} of ${expected} replica(s) of ${r.plan.cluster}` : r.plan.table;
      if (lacking.length === 0 && replicas.length >= expected)
        return {
          changed: null,
          detail: `${where} ${replicas.length === 1 ? 'has' : 'have'} every column of the draft (${wanted.length})`,
        };
      if (Date.now() > deadline)
        throw new StepFailure(
          `After ${(deps.columnsTimeoutMs ?? 60_000) / 1000} s ${
            lacking.length
              ? lacking.map((x) => `${x.host} still lacks ${x.missing.join(', ')}`).join('; ')
              : `only ${replicas.length} of ${expected} replica(s) answered`
          }; check the replicas (system.replication_queue) and run again`,
        );
      op.update('columns', {
        detail: `Waiting: ${lacking.map((x) => `${x.host} lacks ${x.missing.join(', ')}`).join('; ') || `${replicas.length} of ${expected} replica(s) answered`}`,
      });
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  },

  async compatibility({ deps, r }) {
    const found = await deps.registry.lookup(r.pipeline.subject, r.draft);
    if (found) return { changed: null, detail: `The draft is already version ${found.version} of ${r.pipeline.subject}; nothing to check` };
    const verdict = await createCompatibilityCheck(createSchemaReads(deps.registry)).check(r.pipeline.subject, { schema: r.draft });
    if (verdict.compatible === null)
      return { changed: null, detail: `${r.pipeline.subject} has no version yet: the first one is accepted as it is` };
    if (!verdict.compatible)
      throw new StepFailure(
        `The registry refuses the draft under ${verdict.level}: ${verdict.messages.join('; ') || 'no reasons given'}. Change the draft, or the subject's level (Schemas screen), and run again`,
      );
    return {
      changed: null,
      detail: `Compatible under ${verdict.level}${verdict.disagreement ? ` (the panel's own check disagrees: ${verdict.messages.join('; ')})` : ''}`,
    };
  },

  async register({ deps, r }) {
    const found = await deps.registry.lookup(r.pipeline.subject, r.draft);
    if (found) return { changed: false, detail: `${ALREADY}: version ${found.version} of ${r.pipeline.subject} (id ${found.id})` };
    const { id } = await deps.registry.register(r.pipeline.subject, r.draft);
    const now = await deps.registry.lookup(r.pipeline.subject, r.draft);
    return { changed: true, detail: `Registered version ${now?.version ?? '?'} of ${r.pipeline.subject} (id ${id})` };
  },

  async files({ deps, r }) {
    const targets = [
      { path: r.schemaPath, content: r.schemaContent },
      ...(r.migrationPath && r.model.migration ? [{ path: r.migrationPath, content: r.model.migration.content }] : []),
    ];
    const written: string[] = [];
    const same: string[] = [];
    for (const { path, content } of targets) {
      const name = `${path.folder}/${path.file}`;
      if ((await readRepoFile(deps.projectDir, path)) === content) same.push(name);
      else {
        await writeRepoFile(deps.projectDir, path, content);
        written.push(name);
      }
    }
    if (written.length === 0) return { changed: false, detail: `${ALREADY}: ${same.join(', ')} up to date` };
    return { changed: true, detail: `Wrote ${written.join(', ')}${same.length ? ` (${same.join(', ')} unchanged)` : ''}` };
  },

  async restart({ deps, r, op, previous, changedSoFar }) {
    const name = r.pipeline.connectorName;
    if ((await deps.connect.config(name)) === null)
      return { changed: false, skipped: true, detail: `Connector ${name} is not deployed on Connect: nothing caches the table` };
    const restartedBefore = previous?.steps.some((s) => s.name === 'restart' && (s.status === 'ok' || s.status === 'skipped')) ?? false;
    if (!changedSoFar() && restartedBefore)
      return { changed: false, detail: `${ALREADY}: the last run of this plan restarted ${name}, and nothing has changed since` };
    const why = changedSoFar()
      ? ''
      : previous
        ? ' (the last run of this plan did not finish its restart)'
        : ' (no earlier run of this plan is known to this panel, so the tasks may still hold the old columns)';
    await deps.connect.restart(name);
    const deadline = Date.now() + 60_000;
    for (;;) {
      const status = await deps.connect.status(name);
      const failed = status.tasks.find((t) => t.state === 'FAILED');
      if (status.connector.state === 'FAILED' || failed)
        throw new StepFailure(
          `Connector ${name} ${failed ? `task ${failed.id}` : ''} FAILED after the restart: ${(failed?.trace ?? status.connector.trace ?? '').split('\n')[0]}`,
        );
      if (status.connector.state === 'RUNNING' && status.tasks.length > 0 && status.tasks.every((t) => t.state === 'RUNNING'))
        return {
          changed: true,
          detail: `Restarted ${name} and its ${status.tasks.length} task(s), RUNNING: they read the table's columns again${why}`,
        };
      if (Date.now() > deadline)
        throw new StepFailure(`Connector ${name} is ${status.connector.state} 60 s after the restart; see the Connectors screen`);
      op.update('restart', { detail: `Restarted ${name}; waiting for RUNNING (connector ${status.connector.state})` });
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  },

  async contract({ deps, r }) {
    const report = await contractFor(deps, r.pipeline, { text: r.draft, source: 'registry', origin: `the draft (${r.pipeline.subject})` });
    if (report.verdict === 'error') throw new StepFailure(`${report.summary}; the table and the schema disagree — see the plan's refusals`);
    return { changed: null, detail: report.summary };
  },

  async smoke({ deps, r, op }) {
    if (!r.plan.smoke) return { changed: null, skipped: true, detail: 'Not requested' };
    if (!deps.smoke) return { changed: null, skipped: true, detail: 'The smoke runner is not available in this panel' };
    const run = await deps.smoke.start({ pipeline: r.pipeline.id, records: SMOKE_RECORDS, timeoutMs: SMOKE_TIMEOUT_MS });
    op.report.smokeRunId = run.report.runId;
    op.update('smoke', { detail: `Smoke run ${run.report.runId} running (${SMOKE_RECORDS} records)` });
    const report = await run.finished;
    if (report.status !== 'passed') throw new StepFailure(`Smoke run ${report.runId} ${report.status}: ${report.message}`);
    return { changed: null, detail: `Smoke run ${report.runId} passed: ${report.message}` };
  },
};

/** Columns the draft's fields feed (the live table must keep having them). */
function fieldColumns(r: ResolvedEvolution): string[] {
  return r.plan.contract.fields.filter((f) => f.field !== null && f.column !== null).map((f) => f.column!);
}

const COUNTS_AS_CHANGE: EvolutionStepName[] = ['alter', 'register', 'files', 'restart'];

export async function runEvolution(
  deps: EvolutionDeps,
  r: ResolvedEvolution,
  op: EvolutionOperationModel,
  previous: EvolutionOperation | null,
): Promise<void> {
  const changed = new Set<EvolutionStepName>();
  const ctx: RunContext = { deps, r, op, previous, changedSoFar: () => [...changed].some((s) => s !== 'restart') };
  const outcome = await runSteps(
    op,
    EVOLUTION_STEPS.map((name) => ({
      key: name,
      run: async (): Promise<Partial<EvolutionStep>> => {
        const result = await steps[name](ctx);
        // The clients announce their writes, so the read caches have already dropped what this step changed.
        if (result.changed && COUNTS_AS_CHANGE.includes(name)) changed.add(name);
        return { status: result.skipped ? 'skipped' : 'ok', changed: result.changed, detail: result.detail };
      },
    })),
    { fail: (_name, error) => ({ status: 'failed', changed: false, detail: failureMessage(error) }) },
  );
  if (!outcome.ok) {
    const failed = op.step(outcome.key);
    op.finish({
      status: 'failed',
      message: `${failed.title} failed: ${failed.detail}. Done: ${op.report.done.join(', ') || 'nothing'}; not done: ${op.report.left.join(', ')}. Fix the cause and run the plan again — each step checks what is already done.`,
    });
    return;
  }
  op.finish({
    status: 'succeeded',
    message: changed.size
      ? `Evolved ${r.pipeline.id}: ${[...changed].join(', ')} changed`
      : `Nothing changed: ${r.pipeline.id} already has this schema, its columns and files`,
  });
}

function failureMessage(error: unknown): string {
  return error instanceof StepFailure || isAppError(error) ? error.message : `${(error as Error).name}: ${(error as Error).message}`;
}
