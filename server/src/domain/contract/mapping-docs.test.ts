import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MAPPING_ROWS, markedSection, renderMappingTable, verdictOf } from './mapping-table.ts';
import { renderRuleTable, SINK_RULES } from './sink-rules.ts';
import { suggestColumnType } from './suggest.ts';
import { parseAvroSchema } from '../avro/model.ts';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
const fix = 'run `pnpm --filter @pipeline-panel/server docs:mapping` and commit the result';

test("README's mapping table is the one the rules give", () => {
  const readme = readFileSync(join(repo, 'README.md'), 'utf8');
  assert.equal(markedSection(readme, 'mapping-table'), renderMappingTable(), `README.md is out of date: ${fix}`);
});

test("every cell of README's mapping table has the verdict of its column", () => {
  const table = markedSection(readFileSync(join(repo, 'README.md'), 'utf8'), 'mapping-table')!;
  const rows = table.split('\n').slice(2);
  assert.equal(rows.length, MAPPING_ROWS.length);
  for (const [i, line] of rows.entries()) {
    const [, generated, ok, warning, error] = line.split(' | ').map((c) => c.replace(/^\| |\|$/g, '').trim());
    const row = MAPPING_ROWS[i]!;
    const types = (cell: string | undefined) =>
      [...(cell ?? '').matchAll(/`([^`]+)`( with DEFAULT)?/g)].map((m) => (m[2] ? `${m[1]} DEFAULT` : m[1]!));
    for (const t of [...types(generated), ...types(ok)]) assert.equal(verdictOf(row.avro, t), 'ok', `${row.label} → ${t}`);
    for (const t of types(warning)) assert.equal(verdictOf(row.avro, t), 'warning', `${row.label} → ${t}`);
    for (const t of types(error)) assert.equal(verdictOf(row.avro, t), 'error', `${row.label} → ${t}`);
  }
});

test('the generated column of every row is one the check rates ok', () => {
  for (const row of MAPPING_ROWS) {
    const parsed = parseAvroSchema({ type: 'record', name: 'Row', fields: [{ name: 'f', type: row.avro }] });
    assert.ok(parsed.ok && parsed.root.kind === 'record');
    const suggestion = suggestColumnType(parsed.root.fields[0]!);
    assert.ok(suggestion.ok, row.label);
    assert.equal(verdictOf(row.avro, suggestion.type), 'ok', `${row.label} → ${suggestion.type}`);
  }
});

test('docs/sink-type-mapping.md lists every rule with its verdict and upstream source', () => {
  const docs = readFileSync(join(repo, 'docs', 'sink-type-mapping.md'), 'utf8');
  assert.equal(markedSection(docs, 'sink-rules'), renderRuleTable(), `docs/sink-type-mapping.md is out of date: ${fix}`);
  for (const [id, rule] of Object.entries(SINK_RULES)) assert.match(docs, new RegExp(`\\| \`${id}\` \\| ${rule.verdict} \\|`));
  assert.match(docs, /clickhouse-kafka-connect@v1\.5\.0/);
});
