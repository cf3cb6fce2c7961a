import type { ProbeResult, ProbeTarget } from '../contracts/stack.ts';
import { describeNetworkFailure } from '../http/upstream-error.ts';

export type ProbeFacts = Extract<ProbeResult, { ok: true }>['facts'];
export type ProbeFn = () => Promise<ProbeFacts>;

export interface ProbeDefinition {
  target: ProbeTarget;
  run: ProbeFn;
  /** What the user can do when this probe fails. */
  hint: string;
}

export interface ProbeRunnerOptions {
  timeoutMs: number;
  cacheMs: number;
  now?: () => number;
}

/** Runs every probe in parallel, each bounded by a timeout and cached briefly; never rejects. */
export class ProbeRunner {
  private cache = new Map<ProbeTarget, { at: number; result: Promise<ProbeResult> }>();

  constructor(
    private readonly probes: ProbeDefinition[],
    private readonly options: ProbeRunnerOptions,
  ) {}

  runAll(): Promise<ProbeResult[]> {
    return Promise.all(this.probes.map((probe) => this.cached(probe)));
  }

  private cached(probe: ProbeDefinition): Promise<ProbeResult> {
    const now = (this.options.now ?? Date.now)();
    const hit = this.cache.get(probe.target);
    if (hit && now - hit.at < this.options.cacheMs) return hit.result;
    // The promise itself is cached, so concurrent requests share one in-flight probe.
    const result = this.runOne(probe);
    this.cache.set(probe.target, { at: now, result });
    void result.then(() => {
      const entry = this.cache.get(probe.target);
      if (entry?.result === result) entry.at = (this.options.now ?? Date.now)();
    });
    return result;
  }

  private async runOne(probe: ProbeDefinition): Promise<ProbeResult> {
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${this.options.timeoutMs} ms (timeout)`)), this.options.timeoutMs);
      });
      const facts = await Promise.race([probe.run(), timeout]);
      return { target: probe.target, ok: true, checkedAt: new Date().toISOString(), latencyMs: elapsed(started), facts };
    } catch (error) {
      const reason = error instanceof Error && 'upstream' in error ? error.message : describeNetworkFailure(error, this.options.timeoutMs);
      return {
        target: probe.target,
        ok: false,
        checkedAt: new Date().toISOString(),
        latencyMs: elapsed(started),
        reason,
        hint: probe.hint,
      };
    } finally {
      clearTimeout(timer);
    }
  }
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}
