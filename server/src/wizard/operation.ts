import { randomBytes } from 'node:crypto';
import type { WizardApplyStep, WizardOperation, WizardStepName } from '../contracts/wizard.ts';
import { Operation } from '../operations/index.ts';

export const STEP_TITLES: Record<WizardStepName, string> = {
  topic: 'Create the topic',
  schema: 'Register the schema',
  table: 'Create the table',
  files: 'Write the repo files',
  connector: 'Deploy the connector',
  smoke: 'Start the smoke test',
};
export const STEP_ORDER: WizardStepName[] = ['topic', 'schema', 'table', 'files', 'connector', 'smoke'];

/** One apply: an operation whose report is the WizardOperation (steps, what is done and what is left). */
export type ApplyOperation = Operation<WizardApplyStep, WizardOperation>;

const finished = (s: WizardApplyStep) => s.status === 'ok' || s.status === 'skipped';

export function newApplyOperation(pipeline: string): ApplyOperation {
  const operationId = `wizard-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
  return new Operation<WizardApplyStep, WizardOperation>({
    id: operationId,
    keyOf: (step) => step.name,
    derive: (report) => {
      report.done = report.steps.filter(finished).map((s) => s.name);
      report.left = report.steps.filter((s) => !finished(s)).map((s) => s.name);
    },
    report: {
      operationId,
      pipeline,
      status: 'running',
      startedAt: new Date().toISOString(),
      finishedAt: null,
      steps: STEP_ORDER.map((name) => ({
        name,
        title: STEP_TITLES[name],
        status: 'pending',
        changed: null,
        startedAt: null,
        durationMs: null,
        detail: '',
      })),
      done: [],
      left: [...STEP_ORDER],
      smokeRunId: null,
      message: 'Applying…',
    },
  });
}
