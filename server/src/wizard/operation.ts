import type { WizardApplyStep, WizardOperation, WizardStepName } from '../contracts/wizard.ts';
import { newResumableApply, type Operation } from '../operations/index.ts';

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

export function newApplyOperation(pipeline: string): ApplyOperation {
  return newResumableApply('wizard', pipeline, STEP_ORDER, STEP_TITLES);
}
