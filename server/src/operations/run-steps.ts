import type { Operation, OperationReport, OperationStep } from './operation.ts';

export interface PlannedStep<Step> {
  key: string;
  /** The step's work; what it returns is merged into the step (status defaults to ok). */
  run: () => Promise<Partial<Step> | void>;
}

export type StepsOutcome = { ok: true } | { ok: false; key: string; error: unknown; cancelled: boolean };

export interface RunStepsOptions<Step extends OperationStep> {
  /** Steps not to run at all (e.g. done by the operation a resumed one continues). */
  skip?: (key: string) => boolean;
  /** Extra fields set when a step begins (e.g. a "Working…" detail). */
  begin?: (key: string) => Partial<Step>;
  /** How a step that threw is recorded (status failed or cancelled plus its failure). */
  fail: (key: string, error: unknown, cancelled: boolean) => Partial<Step> & { status: Step['status'] };
}

/**
 * Runs planned steps in order, each one timed: begin → work → ok (or what the work returned). The first step that
 * throws is recorded with `fail` and ends the run; so does an abort, checked before and after every step.
 * What the remaining steps become (pending, skipped) and how the operation finishes is the caller's.
 */
export async function runSteps<Step extends OperationStep, Report extends OperationReport<Step>>(
  operation: Operation<Step, Report>,
  steps: PlannedStep<Step>[],
  options: RunStepsOptions<Step>,
): Promise<StepsOutcome> {
  const { signal } = operation;
  for (const { key, run } of steps) {
    if (options.skip?.(key)) continue;
    operation.begin(key, options.begin?.(key));
    try {
      if (signal.aborted) throw signal.reason;
      const result: Partial<Step> = (await run()) ?? {};
      if (signal.aborted) throw signal.reason;
      operation.end(key, result.status ?? 'ok', result);
    } catch (error) {
      const cancelled = signal.aborted;
      const { status, ...change } = options.fail(key, error, cancelled);
      operation.end(key, status, change as Partial<Step>);
      return { ok: false, key, error, cancelled };
    }
  }
  return { ok: true };
}
