import type {
  StartWizardApplyResponse,
  StartWizardSmokeResponse,
  WizardApplyInput,
  WizardOperation,
  WizardPipelineInput,
  WizardPlan,
} from '../contracts/wizard.ts';
import { AppError } from '../errors/app-error.ts';
import { runApply, SMOKE_RECORDS, SMOKE_TIMEOUT_MS } from './apply.ts';
import type { WizardDeps } from './deps.ts';
import { OperationStore } from '../operations/index.ts';
import { newApplyOperation, type ApplyOperation } from './operation.ts';
import { planPipeline, resolvePipeline } from './pipeline.ts';
import { sweepScratchDatabases } from './scratch.ts';

export { STACK_CONNECTOR_DEFAULTS, type ConnectorDefaults, type WizardDeps } from './deps.ts';
export * as wizardSteps from './steps.ts';
export type { ApplyOperation } from './operation.ts';

export interface Wizard {
  deps: WizardDeps;
  plan(input: WizardPipelineInput): Promise<WizardPlan>;
  /** Re-plans and refuses (409 PLAN_BLOCKED) while the plan blocks; else starts the apply in the background. */
  apply(input: WizardApplyInput): Promise<StartWizardApplyResponse>;
  get(operationId: string): WizardOperation;
  /** The live operation, to stream its steps (404 WIZARD_OPERATION_NOT_FOUND). */
  operation(operationId: string): ApplyOperation;
  startSmoke(operationId: string): Promise<StartWizardSmokeResponse>;
  /** Waits for running applies (server shutdown). */
  close(): Promise<void>;
}

export function createWizard(deps: WizardDeps): Wizard {
  // Leftovers of validations that could not clean up (e.g. ClickHouse timed out); best effort, ClickHouse may be down.
  void sweepScratchDatabases(deps.clickhouse).catch(() => []);
  const store = new OperationStore<ApplyOperation>();
  const find = (id: string) => {
    const op = store.get(id);
    if (!op)
      throw new AppError(
        404,
        'WIZARD_OPERATION_NOT_FOUND',
        `No wizard operation "${id}" (operations live in the panel's memory; it keeps the last 20)`,
        { operationId: id },
      );
    return op;
  };
  return {
    deps,
    plan: async (input) => planPipeline(deps, await resolvePipeline(deps, input)),
    async apply(input) {
      const pipeline = await resolvePipeline(deps, input);
      const exclusive = {
        key: pipeline.connector.name,
        conflict: (running: ApplyOperation) =>
          new AppError(
            409,
            'WIZARD_APPLY_RUNNING',
            `An apply of ${pipeline.connector.name} is already running (${running.id}); wait for it to finish`,
            { operationId: running.id },
          ),
      };
      const holder = store.runningFor(exclusive.key);
      if (holder) throw exclusive.conflict(holder);
      const plan = await planPipeline(deps, pipeline);
      const missingPlugin = plan.items.find((item) => item.kind === 'connector' && item.action === 'missing-plugin');
      if (missingPlugin) {
        throw new AppError(409, 'CONNECT_PLUGIN_MISSING', `Nothing was applied: ${missingPlugin.detail}`, {
          plan,
          hint: 'send "skipConnectorDeploy": true to apply everything but the connector',
        });
      }
      if (!plan.canApply) throw new AppError(409, 'PLAN_BLOCKED', `Nothing was applied: ${plan.blockers.join('; ')}`, { plan });
      const op = newApplyOperation(pipeline.connector.name);
      // Checked again as it is stored: another apply of this pipeline may have started while this one planned.
      store.add(op, exclusive);
      void runApply(deps, pipeline, op, { smoke: input.smoke !== false }).catch((error: unknown) => {
        if (!op.done) op.finish({ status: 'failed', message: `internal error: ${(error as Error).message}` });
      });
      return { operationId: op.id };
    },
    get: (id) => find(id).snapshot(),
    operation: find,
    async startSmoke(id) {
      const op = find(id);
      if (!deps.smoke) throw new AppError(503, 'SMOKE_UNAVAILABLE', 'The smoke runner is not available in this panel');
      if (op.report.status !== 'succeeded')
        throw new AppError(
          409,
          'APPLY_NOT_FINISHED',
          `Operation ${id} is ${op.report.status}; the smoke test runs once the apply has succeeded`,
        );
      const run = await deps.smoke.start({ pipeline: op.report.pipeline, records: SMOKE_RECORDS, timeoutMs: SMOKE_TIMEOUT_MS });
      op.report.smokeRunId = run.report.runId;
      return { runId: run.report.runId };
    },
    close: async () => {
      await Promise.all(store.running().map((op) => op.finished));
    },
  };
}
