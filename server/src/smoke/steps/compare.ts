import { serverTimezone } from '../../clickhouse/table-facts.ts';
import { tableColumns } from '../../clickhouse/table-columns.ts';
import { READ_BACK_SETTINGS, rowExpectation } from '../../domain/avro/expected-row.ts';
import { quoteIdentifier } from '../../domain/names.ts';
import { compareRows } from '../compare-rows.ts';
import { fail } from '../failure.ts';
import { quoteTable, type StepContext } from '../context.ts';

const MAX_MISMATCHES = 20;

/**
 * Reads this run's rows back and compares every column a field feeds with what the record becomes in that column's
 * real type (DESCRIBE/system.columns: precision, zone, scale, padding; expected-row.ts), read with
 * READ_BACK_SETTINGS so every value has exactly one spelling.
 */
export async function compareStep(ctx: StepContext): Promise<string> {
  const { deps, pipeline, runId } = ctx;
  const keyField = ctx.state.runIdField!;
  const [columns, timezone] = await Promise.all([
    tableColumns(deps.clickhouse, pipeline.database, pipeline.table),
    serverTimezone(deps.clickhouse),
  ]);
  if (!columns)
    fail(
      'ClickHouse',
      `Table ${pipeline.database}.${pipeline.table} disappeared during the run`,
      'create it again (Tables screen) and run again',
    );
  const expectation = rowExpectation(ctx.state.schemaText!, columns, { serverTimezone: timezone });
  const compared = expectation.columns.includes(keyField) ? expectation.columns : [keyField, ...expectation.columns];
  const settings = Object.entries(READ_BACK_SETTINGS)
    .map(([k, v]) => `${k} = ${typeof v === 'string' ? `'${v}'` : v}`)
    .join(', ');
  const rows = await deps.clickhouse.rows<Record<string, unknown>>(
    `SELECT ${compared.map(quoteIdentifier).join(', ')} FROM ${quoteTable(pipeline.database, pipeline.table)} WHERE startsWith(${quoteIdentifier(keyField)}, {prefix:String}) SETTINGS ${settings}`,
    { prefix: `${runId}-` },
  );
  const expected = ctx.state.records!.map((record) => expectation.expected(record));
  const result = compareRows(expected, rows, keyField, MAX_MISMATCHES);
  const typeOf = new Map(columns.map((c) => [c.name, c.type]));
  ctx.run.report.mismatches = result.mismatches.map((m) => ({ ...m, columnType: typeOf.get(m.field) }));
  if (result.missing.length > 0 || result.differing > 0) {
    const first = result.mismatches
      .slice(0, 3)
      .map((m) => `${m.field} (${typeOf.get(m.field) ?? '?'}): expected ${JSON.stringify(m.expected)}, got ${JSON.stringify(m.actual)}`)
      .join('; ');
    const engine = ctx.run.report.delivery?.kind === 'kafka-engine';
    const service = engine ? 'ClickHouse' : 'Kafka Connect';
    fail(
      service,
      `${result.differing} of ${expected.length} rows differ from their records${result.missing.length ? `, ${result.missing.length} missing` : ''}${first ? ` (${first})` : ''}`,
      engine
        ? "the expected values follow the ClickHouse sink's conversions; the Kafka engine reads Avro with ClickHouse's own rules (timestamps as raw ticks, no decimal rescaling), so use the column types the contract suggests"
        : "the column types change the values on the way: compare them with the contract table's suggested types and fix the table (or the schema)",
      { mismatches: ctx.run.report.mismatches, missing: result.missing.slice(0, 20) },
    );
  }
  const dup = result.duplicates ? `; ${result.duplicates} duplicate row(s) ignored` : '';
  return `${result.equal} / ${expected.length} rows equal their records in all ${compared.length} columns${dup}`;
}
