import { randomBytes } from 'node:crypto';
import { Operation } from './operation.ts';

/** A step of an apply that can be run again to finish it (the wizard's, an evolution's). */
export interface ApplyStep<Name extends string> {
  name: Name;
  title: string;
  status: 'pending' | 'running' | 'ok' | 'failed' | 'skipped';
  /** false: it was already so; null: not known (yet), or a check that changes nothing. */
  changed: boolean | null;
  startedAt: string | null;
  durationMs: number | null;
  detail: string;
}

export interface ApplyReport<Name extends string> {
  operationId: string;
  pipeline: string;
  status: 'running' | 'succeeded' | 'failed';
  startedAt: string;
  finishedAt: string | null;
  steps: ApplyStep<Name>[];
  /** Steps that completed (ok or intentionally skipped), and those that did not run or failed. */
  done: Name[];
  left: Name[];
  smokeRunId: string | null;
  message: string;
}

const finished = (s: ApplyStep<string>) => s.status === 'ok' || s.status === 'skipped';

/** A new apply of `pipeline`: every step pending, in `order`, with an id that names the kind of operation. */
export function newResumableApply<Name extends string>(
  kind: string,
  pipeline: string,
  order: readonly Name[],
  titles: Record<Name, string>,
): Operation<ApplyStep<Name>, ApplyReport<Name>> {
  const operationId = `${kind}-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
  return new Operation<ApplyStep<Name>, ApplyReport<Name>>({
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
      steps: order.map((name) => ({
        name,
        title: titles[name],
        status: 'pending',
        changed: null,
        startedAt: null,
        durationMs: null,
        detail: '',
      })),
      done: [],
      left: [...order],
      smokeRunId: null,
      message: 'Applying…',
    },
  });
}
