/**
 * bench:smoke part 2 — produce → row latency at a steady rate: orders produced at `perSecond` for `seconds`, every
 * SAMPLE_EVERY-th one a sentinel whose send time is kept; the table is polled every 100 ms for the sentinels.
 */
import type { ClickHouseClient } from '@clickhouse/client';
import type { ServiceEnv } from '../integration/pipeline-support.ts';
import type { PipelineNames } from '../integration/smoke-support.ts';
import { connectedProducer, orderFactory } from '../sink/sink-support.ts';

const SAMPLE_EVERY = 50; // must stay a divisor of 100 (see the sentinel query)

export const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
};

export interface LatencyResult {
  samples: number;
  seen: number;
  p50: number;
  p99: number;
  max: number;
}

export async function measureLatency(
  env: ServiceEnv,
  ch: ClickHouseClient,
  names: PipelineNames,
  opts: { perSecond: number; seconds: number; prefix: string },
): Promise<LatencyResult> {
  const total = opts.perSecond * opts.seconds;
  const orders = await orderFactory(env, names.topic, opts.prefix, total);
  const producer = await connectedProducer(env);
  const sentAt = new Map<string, number>();
  const seenAt = new Map<string, number>();
  let producing = true;
  const poller = (async () => {
    for (;;) {
      if (seenAt.size < sentAt.size) {
        // Sentinels are every 50th index: run ids end in …00 or …50 (generate-records pads the index to 6 digits).
        const rows = await (
          await ch.query({
            query: `SELECT order_id FROM ${names.database}.${names.table} WHERE startsWith(order_id, {prefix:String}) AND (endsWith(order_id, '00') OR endsWith(order_id, '50'))`,
            query_params: { prefix: `${opts.prefix}-` },
            format: 'JSONEachRow',
          })
        ).json<{ order_id: string }>();
        const now = Date.now();
        for (const { order_id } of rows) if (!seenAt.has(order_id)) seenAt.set(order_id, now);
      }
      const last = Math.max(0, ...sentAt.values());
      if (!producing && (seenAt.size >= sentAt.size || Date.now() - last > 120_000)) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  // 10 sends a second, each a tenth of the second's records, so the rate is even rather than one burst per second.
  const perTick = Math.max(1, Math.round(opts.perSecond / 10));
  const started = Date.now();
  try {
    for (let tick = 0, sent = 0; sent < total; tick++) {
      const n = Math.min(perTick, total - sent);
      const messages = await Promise.all(
        Array.from({ length: n }, async (_, k) => ({ key: orders.key(sent + k), value: await orders.encode(sent + k) })),
      );
      const now = Date.now();
      for (let k = 0; k < n; k++) if ((sent + k) % SAMPLE_EVERY === 0) sentAt.set(orders.key(sent + k), now);
      await producer.send({ topic: names.topic, acks: -1, messages });
      sent += n;
      const wait = started + (tick + 1) * 100 - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
  } finally {
    producing = false;
    await producer.disconnect();
  }
  await poller;
  const latencies = [...sentAt].filter(([k]) => seenAt.has(k)).map(([k, t]) => seenAt.get(k)! - t);
  return {
    samples: sentAt.size,
    seen: latencies.length,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies.length ? Math.max(...latencies) : NaN,
  };
}

export function latencyLine(label: string, r: LatencyResult): string {
  return `  ${label}: ${r.seen} / ${r.samples} sentinels seen; p50 ${r.p50} ms, p99 ${r.p99} ms, max ${r.max} ms`;
}
