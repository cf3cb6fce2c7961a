import { compatibilityFindings, parseSchema, type PanelFinding, type VersionedSchema } from '../domain/schema-diff/index.ts';

export interface RegisteredText {
  version: number;
  schema: string;
}

/**
 * Every reason a new Avro schema is incompatible with the subject's versions under `level`, computed by the panel
 * from the semantic diff (domain/schema-diff: the same resolution rules as Avro's Java SchemaCompatibility, which
 * the registries run). The registry's own verdict decides registration; these explain it, and fill the gap where
 * the registry gives no reasons (Apicurio's ccompat API ignores ?verbose=true). Versions that are not Avro (or not
 * valid) are left out: there is nothing to compare them with.
 */
export function panelIncompatibilities(level: string, candidate: string, versions: RegisteredText[]): PanelFinding[] {
  const parsed = parseSchema(candidate);
  if (!parsed.ok) return [];
  const comparable: VersionedSchema[] = versions.flatMap(({ version, schema }) => {
    const p = parseSchema(schema);
    return p.ok ? [{ version, schema: p.schema }] : [];
  });
  return compatibilityFindings(level, parsed.schema, comparable);
}

/** The message a panel finding carries in lists mixing registry and panel reasons. */
export const panelMessage = (finding: PanelFinding) => `panel check: ${finding.message}`;
