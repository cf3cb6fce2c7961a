import { contractFor, pipelineSchema } from '../../pipelines/contract.ts';
import { fail } from '../failure.ts';
import type { StepContext } from '../context.ts';

/**
 * The contract check before producing: an error fails the run with the failing fields. The partitioning is checked
 * for one INSERT block of this run (the sink inserts at most one consumer poll at a time; the Kafka engine a block).
 */
export async function contractStep(ctx: StepContext): Promise<string> {
  const { deps, pipeline } = ctx;
  const source = pipeline.schemaFile ? 'file' : 'registry';
  const schema = await pipelineSchema(deps, pipeline, source);
  ctx.state.schemaText = schema.text;
  ctx.state.schemaOrigin = schema.origin;
  const delivery = ctx.run.report.delivery?.kind ?? 'connector';
  const report = await contractFor(deps, pipeline, schema, { records: ctx.records, delivery });
  const { pipeline: _p, source: _s, schemaOrigin, tableExists: _t, subjectExists: _e, table: _tb, ...contract } = report;
  ctx.run.report.contract = contract;
  const errors = contract.fields.filter((f) => f.verdict === 'error');
  if (contract.verdict === 'error') {
    const list = errors
      .slice(0, 5)
      .map(
        (f) =>
          `${f.field ?? '(no field)'} (${f.avroType ?? '-'}) → ${f.column ?? '(no column)'} (${f.columnType ?? '-'})${f.suggestedType ? `, suggested ${f.suggestedType}` : ''}`,
      )
      .join('; ');
    fail(
      'ClickHouse',
      `${schemaOrigin} does not fit ${report.table}: ${errors.length} field(s) in error: ${list}`,
      'change the column types to the suggested ones (or the schema) so they match; the contract table lists every field',
      errors,
    );
  }
  const warnings = contract.fields.filter((f) => f.verdict === 'warning').length;
  const partitions = contract.partitions?.exceeds ? `; ${contract.partitions.reason}` : '';
  // The verdicts describe the ClickHouse sink; ClickHouse's own AvroConfluent reader differs for some pairs.
  const engine =
    delivery === 'kafka-engine'
      ? ' (verdicts are the ClickHouse sink’s; the Kafka engine reads Avro with ClickHouse’s own rules, which refuse rescaled decimals and take timestamps as raw ticks)'
      : '';
  return `${schemaOrigin} fits ${report.table}: ${contract.fields.filter((f) => f.verdict === 'ok').length} ok${warnings ? `, ${warnings} warning(s)` : ''}${partitions}${engine}`;
}
