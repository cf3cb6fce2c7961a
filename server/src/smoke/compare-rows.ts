import { isDeepStrictEqual } from 'node:util';
import type { SmokeMismatch } from '../contracts/smoke.ts';

export interface RowComparison {
  /** Records whose row equals the expectation in every compared column. */
  equal: number;
  /** Records with no row at all. */
  missing: string[];
  /** Extra copies of a row (the path is at-least-once). */
  duplicates: number;
  /** The first differing values (bounded by `maxMismatches`). */
  mismatches: SmokeMismatch[];
  /** Records with at least one differing value. */
  differing: number;
}

/**
 * Compares the rows read back (JSONEachRow) with what each produced record should become (`expectedRow`), keyed by
 * the run-id field. Only the expectation's columns are compared: columns no field feeds keep their defaults.
 */
export function compareRows(
  expected: Record<string, unknown>[],
  rows: Record<string, unknown>[],
  keyField: string,
  maxMismatches = 20,
): RowComparison {
  const byKey = new Map<string, Record<string, unknown>>();
  let duplicates = 0;
  for (const row of rows) {
    const key = String(row[keyField]);
    if (byKey.has(key)) duplicates++;
    else byKey.set(key, row);
  }
  const result: RowComparison = { equal: 0, missing: [], duplicates, mismatches: [], differing: 0 };
  for (const want of expected) {
    const key = String(want[keyField]);
    const row = byKey.get(key);
    if (!row) {
      result.missing.push(key);
      continue;
    }
    let same = true;
    for (const [field, value] of Object.entries(want)) {
      const actual = field in row ? row[field] : undefined;
      if (isDeepStrictEqual(actual, value)) continue;
      same = false;
      if (result.mismatches.length < maxMismatches)
        result.mismatches.push({ record: key, field, expected: value, actual: actual === undefined ? '(no such column)' : actual });
    }
    if (same) result.equal++;
    else result.differing++;
  }
  return result;
}
