import { randomBytes } from 'node:crypto';
import type { WizardApplyStep, WizardOperation, WizardStepName } from '../contracts/wizard.ts';

export type WizardEvent = { type: 'step'; step: WizardApplyStep } | { type: 'done'; operation: WizardOperation };

export const STEP_TITLES: Record<WizardStepName, string> = {
  topic: 'Create the topic',
  schema: 'Register the schema',
  table: 'Create the table',
  files: 'Write the repo files',
  connector: 'Deploy the connector',
  smoke: 'Start the smoke test',
};
export const STEP_ORDER: WizardStepName[] = ['topic', 'schema', 'table', 'files', 'connector', 'smoke'];

/** One apply: its steps (streamed to subscribers as they change) and its final report. */
export class ApplyOperation {
  readonly report: WizardOperation;
  private listeners = new Set<(event: WizardEvent) => void>();

  constructor(pipeline: string) {
    this.report = {
      operationId: `wizard-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`,
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
    };
  }

  get done(): boolean {
    return this.report.status !== 'running';
  }

  step(name: WizardStepName): WizardApplyStep {
    return this.report.steps.find((s) => s.name === name)!;
  }

  update(name: WizardStepName, patch: Partial<WizardApplyStep>): void {
    const step = this.step(name);
    Object.assign(step, patch);
    this.report.done = this.report.steps.filter((s) => s.status === 'ok' || s.status === 'skipped').map((s) => s.name);
    this.report.left = this.report.steps.filter((s) => s.status !== 'ok' && s.status !== 'skipped').map((s) => s.name);
    this.emit({ type: 'step', step: { ...step } });
  }

  finish(status: 'succeeded' | 'failed', message: string): void {
    this.report.status = status;
    this.report.message = message;
    this.report.finishedAt = new Date().toISOString();
    this.emit({ type: 'done', operation: this.snapshot() });
    this.listeners.clear();
  }

  snapshot(): WizardOperation {
    return structuredClone(this.report);
  }

  subscribe(listener: (event: WizardEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: WizardEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}

/** Recent operations in memory, newest first; finished ones beyond `max` are forgotten. */
export class OperationStore {
  private operations: ApplyOperation[] = [];
  constructor(private readonly max = 20) {}

  add(operation: ApplyOperation): void {
    this.operations.unshift(operation);
    while (this.operations.length > this.max) {
      let index = this.operations.length - 1;
      while (index >= 0 && !this.operations[index]!.done) index--;
      if (index < 0) break;
      this.operations.splice(index, 1);
    }
  }

  get(id: string): ApplyOperation | undefined {
    return this.operations.find((o) => o.report.operationId === id);
  }

  running(pipeline: string): ApplyOperation | undefined {
    return this.operations.find((o) => !o.done && o.report.pipeline === pipeline);
  }
}
