/**
 * Rewrites the generated parts of the docs from the contract rules:
 *   README.md            — the mapping table of "The contract check" (domain/contract/mapping-table.ts)
 *   docs/sink-type-mapping.md — the rule table with each rule's upstream source (domain/contract/sink-rules.ts)
 * Run with `pnpm --filter @pipeline-panel/server docs:mapping`; server/src/domain/contract/mapping-docs.test.ts fails
 * when either file differs from what this writes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderMappingTable, replaceMarkedSection } from '../src/domain/contract/mapping-table.ts';
import { renderRuleTable } from '../src/domain/contract/sink-rules.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
for (const [file, name, body] of [
  ['README.md', 'mapping-table', renderMappingTable()],
  ['docs/sink-type-mapping.md', 'sink-rules', renderRuleTable()],
] as const) {
  const path = join(root, file);
  writeFileSync(path, replaceMarkedSection(readFileSync(path, 'utf8'), name, body));
  console.log(`wrote ${file} (${name})`);
}
