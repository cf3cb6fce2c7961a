import { EXPECTED_ROW_SETTINGS, expectedRow } from '../../domain/avro/expected-row.ts';
import { quoteIdentifier } from '../../domain/names.ts';
import { compareRows } from '../compare-rows.ts';
import { fail } from '../failure.ts';
import { quoteTable, type StepContext } from '../context.ts';

const MAX_MISMATCHES = 20;

/** Reads this run's rows back and compares every column a field feeds with what the record should have become. */
export async function compareStep(ctx: StepContext): Promise<string> {
  const { deps, pipeline, runId } = ctx;
  const keyField = ctx.state.runIdField!;
  const columns = (ctx.run.report.contract?.fields ?? [])
    .filter((f) => f.field !== null && f.field === f.column)
    .map((f) => f.field as string);
  if (!columns.includes(keyField)) columns.unshift(keyField);
  const settings = Object.entries(EXPECTED_ROW_SETTINGS)
    .map(([k, v]) => `${k} = ${v}`)
    .join(', ');
  const rows = await deps.clickhouse.rows<Record<string, unknown>>(
    `SELECT ${columns.map(quoteIdentifier).join(', ')} FROM ${quoteTable(pipeline.database, pipeline.table)} WHERE startsWith(${quoteIdentifier(keyField)}, {prefix:String}) SETTINGS ${settings}`,
    { prefix: `${runId}-` },
  );
  const keep = new Set(columns);
  const expected = ctx.state.records!.map((record) => {
    const row = expectedRow(ctx.state.schemaText!, record);
    return Object.fromEntries(Object.entries(row).filter(([k]) => keep.has(k)));
  });
  const result = compareRows(expected, rows, keyField, MAX_MISMATCHES);
  ctx.run.report.mismatches = result.mismatches;
  if (result.missing.length > 0 || result.differing > 0) {
    const first = result.mismatches
      .slice(0, 3)
      .map((m) => `${m.field}: expected ${JSON.stringify(m.expected)}, got ${JSON.stringify(m.actual)}`)
      .join('; ');
    const service = ctx.run.report.delivery?.kind === 'connector' ? 'Kafka Connect' : 'ClickHouse';
    fail(
      service,
      `${result.differing} of ${expected.length} rows differ from their records${result.missing.length ? `, ${result.missing.length} missing` : ''}${first ? ` (${first})` : ''}`,
      "the column types change the values on the way: compare them with the contract table's suggested types and fix the table (or the schema)",
      { mismatches: result.mismatches, missing: result.missing.slice(0, 20) },
    );
  }
  const dup = result.duplicates ? `; ${result.duplicates} duplicate row(s) ignored` : '';
  return `${result.equal} / ${expected.length} rows equal their records in all ${columns.length} columns${dup}`;
}
