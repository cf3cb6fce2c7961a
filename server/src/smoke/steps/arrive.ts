import { kafkaConsumerExceptions } from '../../clickhouse/kafka-engine.ts';
import type { SmokeService } from '../../contracts/smoke.ts';
import { quoteIdentifier } from '../../domain/names.ts';
import { endOffsets, newMessages, readDeadLetters } from '../../kafka/dead-letters.ts';
import { fail } from '../failure.ts';
import { quoteTable, sleep, type StepContext } from '../context.ts';

/** Counts the rows carrying this run's id until all N are there, or the timeout passes (then looks for why). */
export async function arriveStep(ctx: StepContext): Promise<string> {
  const { deps, pipeline, records: n, runId, signal, timeoutMs } = ctx;
  const started = Date.now();
  const sql = `SELECT count() AS n FROM ${quoteTable(pipeline.database, pipeline.table)} WHERE startsWith(${quoteIdentifier(ctx.state.runIdField!)}, {prefix:String})`;
  const interval = deps.pollIntervalMs ?? 1_000;
  for (;;) {
    const [row] = await deps.clickhouse.rows<{ n: string | number }>(sql, { prefix: `${runId}-` });
    const arrived = Number(row?.n ?? 0);
    ctx.run.report.arrived = arrived;
    const waited = Date.now() - started;
    if (arrived >= n) {
      const extra = arrived > n ? ` (${arrived - n} duplicate row(s): the path is at-least-once)` : '';
      return `${n} / ${n} rows arrived in ${pipeline.database}.${pipeline.table} ${Date.now() - (ctx.state.producedAt ?? started)} ms after producing${extra}`;
    }
    ctx.progress(`${arrived} / ${n} rows arrived (waited ${(waited / 1000).toFixed(0)} s of ${(timeoutMs / 1000).toFixed(0)} s)`);
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
      const now = await endOffsets(deps.kafka.brokers, pipeline.dlqTopic);
      const count = newMessages(ctx.state.dlqBaseline ?? null, now);
      if (count > 0 && now) {
        const letters = await readDeadLetters(deps.kafka.brokers, pipeline.dlqTopic, ctx.state.dlqBaseline ?? null, now).catch(() => []);
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
    const exceptions = await kafkaConsumerExceptions(deps.clickhouse, kafkaTable).catch(() => []);
    if (exceptions.length > 0) hints.push({ message: `ClickHouse's consumer of ${kafkaTable} reported: ${exceptions.at(-1)}` });
  }
  return hints;
}
