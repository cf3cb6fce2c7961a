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
import { ApplyOperation, OperationStore, type WizardEvent } from './operation.ts';
import { planPipeline, resolvePipeline } from './pipeline.ts';

export { STACK_CONNECTOR_DEFAULTS, type ConnectorDefaults, type WizardDeps } from './deps.ts';
export * as wizardSteps from './steps.ts';
export type { WizardEvent } from './operation.ts';

export interface Wizard {
  deps: WizardDeps;
  plan(input: WizardPipelineInput): Promise<WizardPlan>;
  /** Re-plans and refuses (409 PLAN_BLOCKED) while the plan blocks; else starts the apply in the background. */
  apply(input: WizardApplyInput): Promise<StartWizardApplyResponse>;
  get(operationId: string): WizardOperation;
  subscribe(operationId: string, listener: (event: WizardEvent) => void): () => void;
  startSmoke(operationId: string): Promise<StartWizardSmokeResponse>;
  /** Waits for running applies (server shutdown). */
  close(): Promise<void>;
}

export function createWizard(deps: WizardDeps): Wizard {
  const store = new OperationStore();
  const running = new Set<Promise<void>>();
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
      if (store.running(pipeline.connector.name))
        throw new AppError(409, 'WIZARD_APPLY_RUNNING', `An apply of ${pipeline.connector.name} is already running; wait for it to finish`);
      const plan = await planPipeline(deps, pipeline);
      if (!plan.canApply) throw new AppError(409, 'PLAN_BLOCKED', `Nothing was applied: ${plan.blockers.join('; ')}`, { plan });
      const op = new ApplyOperation(pipeline.connector.name);
      store.add(op);
      const done = runApply(deps, pipeline, op, { smoke: input.smoke !== false }).catch((error: unknown) => {
        if (!op.done) op.finish('failed', `internal error: ${(error as Error).message}`);
      });
      running.add(done);
      void done.finally(() => running.delete(done));
      return { operationId: op.report.operationId };
    },
    get: (id) => find(id).snapshot(),
    subscribe: (id, listener) => find(id).subscribe(listener),
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
      await Promise.all(running);
    },
  };
}
