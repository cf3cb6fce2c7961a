import { randomBytes } from 'node:crypto';
import { EVOLUTION_STEPS, type EvolutionOperation, type EvolutionStep } from '../../contracts/evolution.ts';
import { Operation } from '../../operations/index.ts';
import { STEP_TITLES } from './plan.ts';

/** One apply of an evolution plan: an operation whose report is the EvolutionOperation. */
export type EvolutionOperationModel = Operation<EvolutionStep, EvolutionOperation>;

const finished = (s: EvolutionStep) => s.status === 'ok' || s.status === 'skipped';

export function newEvolutionOperation(pipeline: string): EvolutionOperationModel {
  const operationId = `evolution-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
  return new Operation<EvolutionStep, EvolutionOperation>({
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
      steps: EVOLUTION_STEPS.map((name) => ({
        name,
        title: STEP_TITLES[name],
        status: 'pending',
        changed: null,
        startedAt: null,
        durationMs: null,
        detail: '',
      })),
      done: [],
      left: [...EVOLUTION_STEPS],
      smokeRunId: null,
      message: 'Applying…',
    },
  });
}
