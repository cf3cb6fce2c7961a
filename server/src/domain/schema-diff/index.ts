/** The semantic schema diff and the panel's own compatibility check (pure). */
import { judgeSchemas, levelDirections, type Direction } from './judge.ts';
import type { IncompatibilityKind } from './resolve.ts';
import type { ParsedSchema } from './tree.ts';

export { diffNodes, type ChangeKind, type SchemaChange } from './diff.ts';
export { breakSentence, judgeSchemas, levelDirections, type Direction, type JudgedChange, type SchemaDiff } from './judge.ts';
export { readerIncompatibilities, readsPrimitive, type Incompatibility, type IncompatibilityKind } from './resolve.ts';
export { describeNode, mustParse, parseSchema, type ParsedSchema, type SchemaField, type SchemaNode } from './tree.ts';

export interface VersionedSchema {
  version: number;
  schema: ParsedSchema;
}

export interface PanelFinding {
  /** The registered version the candidate was compared with. */
  version: number;
  direction: Direction;
  kind: IncompatibilityKind;
  path: string;
  message: string;
}

/**
 * Every incompatibility of `candidate` with the subject under `level`: against the latest version, or against every
 * version for a *_TRANSITIVE level. `versions` are in any order; none (a new subject) or level NONE find nothing.
 */
export function compatibilityFindings(level: string, candidate: ParsedSchema, versions: VersionedSchema[]): PanelFinding[] {
  const { backward, forward, transitive } = levelDirections(level);
  if (!backward && !forward) return [];
  const sorted = [...versions].sort((a, b) => b.version - a.version);
  const targets = transitive ? sorted : sorted.slice(0, 1);
  return targets.flatMap(({ version, schema }) =>
    judgeSchemas(schema, candidate, level).incompatibilities.map((i) => ({ version, ...i, message: `v${version}: ${i.message}` })),
  );
}
