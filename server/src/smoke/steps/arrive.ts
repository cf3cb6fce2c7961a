import { kafkaConsumerErrors } from '../../clickhouse/kafka-engine.ts';
import type { DeliveryStuckDetails, SmokeService } from '../../contracts/smoke.ts';
import { quoteIdentifier } from '../../domain/names.ts';
import { endOffsets, newMessages, readDeadLetters } from '../../kafka/dead-letters.ts';
import { fail } from '../failure.ts';
import { quoteTable, sleep, type StepContext } from '../context.ts';
import { connectLogLines, nameCause, warnErrorLines, type DeliveryKind } from '../sink-diagnosis.ts';
import { StallWatch, stallWindowMs, type ProgressSample } from '../stall.ts';

/** The failure code of a delivery that retries a batch without progress. */
export const DELIVERY_STUCK = 'DELIVERY_STUCK';

/** Offsets are sampled at most this often: each sample is an admin round trip to Kafka. */
const OFFSET_SAMPLE_MS = 2_000;
/** Logs and consumer exceptions are read at most this often once a delivery looks still. */
const EVIDENCE_EVERY_MS = 5_000;

/**
 * Counts the rows carrying this run's id until all N are there. Meanwhile it watches the delivery's consumer group:
 * when neither rows nor committed offsets move for three commit intervals while records wait (stall.ts) and the
 * sink's own errors are there to quote (Connect's log, a task trace, the engine's exceptions) — or for six intervals
 * without them — the step fails early: the sink is retrying a batch, with the evidence and the fix. At the timeout
 * it says why not.
 */
export async function arriveStep(ctx: StepContext): Promise<string> {
  const { deps, pipeline, records: n, runId, signal, timeoutMs } = ctx;
  const started = Date.now();
  const sql = `SELECT count() AS n FROM ${quoteTable(pipeline.database, pipeline.table)} WHERE startsWith(${quoteIdentifier(ctx.state.runIdField!)}, {prefix:String})`;
  const interval = deps.pollIntervalMs ?? 1_000;
  const watch = ctx.state.deliveryGroup ? new StallWatch(stallWindowMs(ctx.state.commitIntervalMs ?? 60_000, interval)) : null;
  let offsets: { committed: number | null; lag: number | null; at: number } = { committed: null, lag: null, at: 0 };
  let evidenceAt = 0;
  for (;;) {
    const [row] = await deps.clickhouse.rows<{ n: string | number }>(sql, { prefix: `${runId}-` });
    const arrived = Number(row?.n ?? 0);
    ctx.run.report.arrived = arrived;
    const now = Date.now();
    const waited = now - started;
    if (arrived >= n) {
      const extra = arrived > n ? ` (${arrived - n} duplicate row(s): the path is at-least-once)` : '';
      return `${n} / ${n} rows arrived in ${pipeline.database}.${pipeline.table} ${now - (ctx.state.producedAt ?? started)} ms after producing${extra}`;
    }
    if (watch) {
      if (now - offsets.at >= OFFSET_SAMPLE_MS) offsets = { ...(await groupProgress(ctx)), at: now };
      const sample: ProgressSample = { at: now, rows: arrived, committed: offsets.committed, lag: offsets.lag };
      const stillFor = watch.observe(sample);
      // With the sink's own error in hand one window is enough; without any, wait a second one (a slow first
      // consumer assignment on a busy machine must not look stuck).
      if (stillFor >= watch.windowMs && now >= evidenceAt) {
        const found = await stuckEvidence(ctx, stillFor);
        if (found.evidence.length > 0 || found.trace || stillFor >= 2 * watch.windowMs) failStuck(ctx, sample, stillFor, found);
        evidenceAt = now + EVIDENCE_EVERY_MS;
      }
    }
    const lag = offsets.lag === null ? '' : `, ${offsets.lag} record(s) waiting in ${ctx.state.deliveryGroup}`;
    ctx.progress(`${arrived} / ${n} rows arrived (waited ${(waited / 1000).toFixed(0)} s of ${(timeoutMs / 1000).toFixed(0)} s${lag})`);
    if (waited >= timeoutMs) break;
    await sleep(Math.min(interval, Math.max(0, timeoutMs - waited)), signal);
  }
  const arrived = ctx.run.report.arrived;
  const hints = await whyNot(ctx);
  const service: SmokeService = ctx.run.report.delivery?.kind === 'connector' ? 'Kafka Connect' : 'ClickHouse';
  fail(
    service,
    `Only ${arrived} of ${n} rows with run id ${runId} arrived in ${pipeline.database}.${pipeline.table} within ${timeoutMs} ms${hints.length ? `. ${hints.map((h) => h.message).join(' ')}` : ''}`,
    hints.find((h) => h.fix)?.fix ??
      (service === 'Kafka Connect'
        ? 'check the sink: Connectors screen (state, lag) and docker compose logs connect; raise the timeout if it is only slow'
        : `check ${ctx.run.report.delivery?.via ?? 'the Kafka engine table'} (system.kafka_consumers) and the ClickHouse log; raise the timeout if it is only slow`),
    { arrived, expected: n, hints: hints.map((h) => h.message) },
  );
}

/** The delivery group's committed offsets and lag on the pipeline's topic; unknown (null) when Kafka cannot say. */
async function groupProgress(ctx: StepContext): Promise<{ committed: number | null; lag: number | null }> {
  try {
    const lag = await ctx.deps.kafka.groupLag(ctx.state.deliveryGroup!, [ctx.pipeline.topic]);
    const mine = lag.partitions.filter((p) => p.topic === ctx.pipeline.topic);
    if (mine.length === 0) return { committed: null, lag: null };
    return { committed: mine.reduce((sum, p) => sum + (p.committed ?? 0), 0), lag: mine.reduce((sum, p) => sum + p.lag, 0) };
  } catch {
    return { committed: null, lag: null };
  }
}

interface StuckEvidence {
  evidence: string[];
  trace: string | null;
  logs: 'read' | 'unavailable' | 'not applicable';
}

/** The sink's own word on why it makes no progress: Connect's ERROR/WARN lines and task trace, or the engine's exceptions. */
async function stuckEvidence(ctx: StepContext, stillFor: number): Promise<StuckEvidence> {
  const { deps } = ctx;
  const delivery = ctx.run.report.delivery!;
  const since = ctx.state.producedAt ?? Date.now() - stillFor;
  if (delivery.kind === 'kafka-engine') {
    const errors = await kafkaConsumerErrors(deps.clickhouse, delivery.via.split(' → ')[0]!).catch(() => []);
    // ClickHouse stamps exceptions in whole seconds.
    const evidence = [...new Set(errors.filter((e) => e.atMs >= since - 1_000).map((e) => cut(e.text)))].slice(-3);
    return { evidence, trace: null, logs: 'not applicable' };
  }
  const lines = await connectLogLines(deps);
  const status = await deps.connect.status(delivery.via).catch(() => null);
  const withTrace = status?.tasks.find((t) => t.trace);
  return {
    evidence: lines ? warnErrorLines(lines, since - 5_000, delivery.via) : [],
    trace: withTrace?.trace ? `task ${withTrace.id} ${withTrace.state}: ${withTrace.trace.split('\n').slice(0, 4).join(' ')}` : null,
    logs: lines ? 'read' : 'unavailable',
  };
}

/** Fails the step naming the stuck delivery, its evidence (log lines, task trace, consumer exceptions) and the fix. */
function failStuck(ctx: StepContext, sample: ProgressSample, stillFor: number, found: StuckEvidence): never {
  const { deps, pipeline } = ctx;
  const delivery = ctx.run.report.delivery!;
  const kind: DeliveryKind = delivery.kind;
  const { evidence, trace, logs } = found;
  const connect = deps.connectService ?? 'connect';
  const interval = ctx.state.commitIntervalMs ?? 60_000;
  const named = nameCause(trace ? [...evidence, trace] : evidence, kind);
  const who = kind === 'connector' ? `the sink (connector ${delivery.via})` : `ClickHouse's Kafka engine (${delivery.via})`;
  const quoted = evidence.length
    ? ` ${kind === 'connector' ? "Connect's log" : 'system.kafka_consumers'}: ${evidence.map((e) => `“${e}”`).join(' ')}`
    : '';
  const noLogs =
    logs === 'unavailable'
      ? ` (Connect's log could not be read: the panel has no Docker access or ${connect} is not a service of the compose project; docker compose logs ${connect} shows it)`
      : '';
  const message =
    `${who} is retrying a batch: ${sample.lag} record(s) wait in consumer group ${ctx.state.deliveryGroup} on ${pipeline.topic}, ` +
    `and neither its committed offsets nor the rows in ${pipeline.database}.${pipeline.table} moved for ${Math.round(stillFor / 1000)} s ` +
    `(${Math.round(stillFor / interval)} commit intervals of ${interval / 1000} s).` +
    (named ? ` Cause: ${named.cause}.` : '') +
    quoted +
    (trace ? ` Task trace: ${trace}` : '') +
    noLogs;
  const fix =
    named?.fix ??
    (kind === 'connector'
      ? `read the sink's errors (docker compose logs ${connect} | grep -iE "error|warn"), fix the cause, then restart the connector; the batch blocks every later record of the topic until then`
      : `read system.kafka_consumers for ${delivery.via.split(' → ')[0]} and the ClickHouse log, fix the cause; the batch blocks every later record until then`);
  fail(
    kind === 'connector' ? 'Kafka Connect' : 'ClickHouse',
    message,
    fix,
    {
      kind,
      via: delivery.via,
      group: ctx.state.deliveryGroup!,
      lag: sample.lag,
      committed: sample.committed,
      stalledMs: stillFor,
      cause: named?.cause ?? null,
      evidence,
      trace,
      connectLog: logs,
    } satisfies DeliveryStuckDetails,
    DELIVERY_STUCK,
  );
}

/** ClickHouse's messages explain at length; the first 300 characters name the cause. */
function cut(text: string): string {
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

interface Hint {
  message: string;
  fix?: string;
}

/** Dead letters this run caused, failed tasks, Kafka-engine consumer exceptions: best effort, each bounded. */
async function whyNot(ctx: StepContext): Promise<Hint[]> {
  const { deps, pipeline } = ctx;
  const hints: Hint[] = [];
  if (pipeline.dlqTopic) {
    try {
      const now = await endOffsets(deps.kafka.connection, pipeline.dlqTopic);
      const count = newMessages(ctx.state.dlqBaseline ?? null, now);
      if (count > 0 && now) {
        const letters = await readDeadLetters(deps.kafka.connection, pipeline.dlqTopic, ctx.state.dlqBaseline ?? null, now).catch(() => []);
        const header = (key: string) => letters.map((l) => l.errorHeaders[`__connect.errors.${key}`]).find(Boolean);
        const cls = header('exception.class.name');
        const message = header('exception.message');
        hints.push({
          message: `The dead-letter topic ${pipeline.dlqTopic} received ${count} message(s) during the run${cls || message ? `: ${[cls, message].filter(Boolean).join(': ')}` : ''}.`,
          fix: `the sink rejected the records: read ${pipeline.dlqTopic}'s __connect.errors.* headers (Topics screen), fix the table or schema (see the contract), then run again`,
        });
      }
    } catch {
      // Kafka itself is the problem then; the produce step would have said so.
    }
  }
  const delivery = ctx.run.report.delivery;
  if (delivery?.kind === 'connector') {
    const status = await deps.connect.status(delivery.via).catch(() => null);
    const failed = status?.tasks.find((t) => t.state === 'FAILED');
    if (failed) {
      hints.push({
        message: `Task ${failed.id} of ${delivery.via} FAILED: ${(failed.trace ?? '').split('\n').slice(0, 3).join(' ')}`,
        fix: 'see the task trace (Connectors screen) / docker compose logs connect; fix the cause and restart the connector',
      });
    }
  } else if (delivery?.kind === 'kafka-engine') {
    const kafkaTable = delivery.via.split(' → ')[0]!;
    const errors = await kafkaConsumerErrors(deps.clickhouse, kafkaTable).catch(() => []);
    const newest = errors.at(-1);
    if (newest) {
      const named = nameCause([newest.text], 'kafka-engine');
      hints.push({ message: `ClickHouse's consumer of ${kafkaTable} reported: ${newest.text}`, ...(named ? { fix: named.fix } : {}) });
    }
  }
  return hints;
}
