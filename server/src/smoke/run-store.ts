import type { SmokeRunSummary } from '../contracts/smoke.ts';
import type { SmokeRun } from './run.ts';

/** Recent runs in memory, newest first; finished runs beyond `max` are forgotten, running ones never. */
export class SmokeRunStore {
  private runs: SmokeRun[] = [];

  constructor(private readonly max = 20) {}

  add(run: SmokeRun): void {
    this.runs.unshift(run);
    let excess = this.runs.length - this.max;
    for (let i = this.runs.length - 1; i >= 0 && excess > 0; i--) {
      if (this.runs[i]!.done) {
        this.runs.splice(i, 1);
        excess--;
      }
    }
  }

  get(runId: string): SmokeRun | undefined {
    return this.runs.find((r) => r.report.runId === runId);
  }

  running(): SmokeRun[] {
    return this.runs.filter((r) => !r.done);
  }

  summaries(): SmokeRunSummary[] {
    return this.runs.map(({ report }) => {
      const {
        steps: _s,
        delivery: _d,
        contract: _c,
        schema: _sc,
        runIdField: _f,
        produced: _p,
        arrived: _a,
        mismatches: _m,
        cleanupMode: _cm,
        cleanup: _cl,
        ...summary
      } = report;
      return { ...summary };
    });
  }
}
