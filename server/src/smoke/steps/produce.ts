import { generateRecords } from '../../domain/avro/generate-records.ts';
import { endOffsets } from '../../kafka/dead-letters.ts';
import { produceRecords } from '../../kafka/record-producer.ts';
import { createConfluentEncoder } from '../../registry/confluent-encoder.ts';
import { fail } from '../failure.ts';
import type { StepContext } from '../context.ts';

/**
 * Produces N generated records, each carrying the run id, Confluent-framed by @kafkajs/confluent-schema-registry.
 * Cancelling stops issuing batches (sends in flight finish), so a cancelled run never keeps producing.
 */
export async function produceStep(ctx: StepContext): Promise<string> {
  const { deps, pipeline, records: n, runId, signal } = ctx;
  const generated = generateRecords(ctx.state.schemaText!, n, { runId, seed: hashSeed(runId) });
  if (!generated.ok)
    fail(
      'Panel',
      `Cannot generate records from ${ctx.state.schemaOrigin}: ${generated.message}`,
      'give the schema a top-level string field to carry the run id',
    );
  ctx.state.records = generated.records;
  ctx.state.runIdField = generated.runIdField;
  ctx.run.report.runIdField = generated.runIdField;

  // Baseline of the dead-letter topic, so a timeout can tell which dead letters this run caused.
  if (pipeline.dlqTopic) ctx.state.dlqBaseline = await endOffsets(deps.kafka.connection, pipeline.dlqTopic).catch(() => null);

  const encoder = createConfluentEncoder(deps.registry.endpoint);
  const schemaId = ctx.state.schemaId!;
  ctx.progress(`producing ${n} records to ${pipeline.topic}…`);
  const result = await produceRecords({
    brokers: deps.kafka.connection,
    topic: pipeline.topic,
    count: n,
    encode: (i) => encoder.encode(schemaId, generated.records[i]),
    key: (i) => String(generated.records[i]![generated.runIdField]),
    signal,
    onProgress: (produced) => {
      ctx.run.report.produced = produced;
      ctx.progress(`produced ${produced} / ${n} records to ${pipeline.topic}`);
    },
  });
  ctx.state.producedAt = Date.now();
  if (!result.complete) return `stopped after ${result.produced} / ${n} records`;
  const rate = Math.round((result.produced / Math.max(1, result.durationMs)) * 1000);
  return `produced ${result.produced} records to ${pipeline.topic} in ${result.durationMs} ms (${rate} records/s), field ${generated.runIdField} = ${runId}-NNNNNN`;
}

/** A seed derived from the run id: different data per run, reproducible from the id. */
function hashSeed(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}
