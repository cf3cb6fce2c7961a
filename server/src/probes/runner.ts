import type { ProbeResult, ProbeTarget } from '../contracts/stack.ts';
import { describeNetworkFailure } from '../http/upstream-error.ts';
import { CACHE_PREFIX, ReadCache } from '../services/read-cache.ts';

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
  /** A result is fresh this long … */
  cacheMs: number;
  /** … and served this much longer while the next probe runs (default 2 × cacheMs). */
  staleMs?: number;
  now?: () => number;
}

const PREFIX: Record<ProbeTarget, string> = {
  kafka: CACHE_PREFIX.Kafka,
  'schema-registry': CACHE_PREFIX['Schema Registry'],
  connect: CACHE_PREFIX['Kafka Connect'],
  clickhouse: CACHE_PREFIX.ClickHouse,
};

/**
 * Runs every probe in parallel, each bounded by a timeout and cached briefly (one probe in flight per service,
 * shared by every request; a steady reader gets the last result while the next one runs); never rejects.
 */
export class ProbeRunner {
  private readonly cache: ReadCache;

  constructor(
    private readonly probes: ProbeDefinition[],
    private readonly options: ProbeRunnerOptions,
  ) {
    this.cache = new ReadCache({ ttlMs: options.cacheMs, staleMs: options.staleMs ?? options.cacheMs * 2, now: options.now });
  }

  async runAll(): Promise<ProbeResult[]> {
    return Promise.all(
      this.probes.map(async (probe) => (await this.cache.get(`${PREFIX[probe.target]}probe`, () => this.runOne(probe))).value),
    );
  }

  /** A write announced for a service: its next probe runs at once (e.g. the topic count after a create). */
  invalidate(target: ProbeTarget): void {
    this.cache.invalidatePrefix(PREFIX[target]);
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
