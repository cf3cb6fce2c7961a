import { contractFor, pipelineSchema } from '../../pipelines/contract.ts';
import { fail } from '../failure.ts';
import type { StepContext } from '../context.ts';

/** The contract check before producing: an error fails the run with the failing fields. */
export async function contractStep(ctx: StepContext): Promise<string> {
  const { deps, pipeline } = ctx;
  const source = pipeline.schemaFile ? 'file' : 'registry';
  const schema = await pipelineSchema(deps, pipeline, source);
  ctx.state.schemaText = schema.text;
  ctx.state.schemaOrigin = schema.origin;
  const report = await contractFor(deps, pipeline, schema);
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
  return `${schemaOrigin} fits ${report.table}: ${contract.fields.filter((f) => f.verdict === 'ok').length} ok${warnings ? `, ${warnings} warning(s)` : ''}`;
}
