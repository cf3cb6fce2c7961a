import { Operation, type OperationReport } from './operation.ts';

/** A minimal operation for the engine's own tests: steps a, b, c. */
export interface TestStep {
  name: string;
  status: 'pending' | 'running' | 'ok' | 'failed' | 'skipped' | 'cancelled';
  startedAt: string | null;
  durationMs: number | null;
  detail: string;
}
export type TestReport = OperationReport<TestStep> & { status: 'running' | 'passed' | 'failed'; done: string[] };

export function testOperation(id = 'op-1', now?: () => number): Operation<TestStep, TestReport> {
  return new Operation<TestStep, TestReport>({
    id,
    report: {
      status: 'running',
      startedAt: new Date(0).toISOString(),
      finishedAt: null,
      steps: ['a', 'b', 'c'].map((name) => ({ name, status: 'pending', startedAt: null, durationMs: null, detail: '' })),
      done: [],
    },
    keyOf: (s) => s.name,
    derive: (r) => (r.done = r.steps.filter((s) => s.status === 'ok').map((s) => s.name)),
    now,
  });
}
