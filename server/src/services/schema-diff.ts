/**
 * The semantic diff between two registered versions of a subject, or a draft against one (default the latest),
 * judged under the subject's effective compatibility level (domain/schema-diff).
 */
import type { DraftDiffInput, SchemaDiffQuery, SchemaDiffResult } from '../contracts/schema-diff.ts';
import type { EffectiveCompatibility } from '../contracts/schemas.ts';
import { judgeSchemas, mustParse, parseSchema, type ParsedSchema } from '../domain/schema-diff/index.ts';
import { AppError } from '../errors/app-error.ts';
import type { RegisteredSchema } from '../registry/index.ts';
import type { SchemaReads } from './schema-versions.ts';

export interface SchemaDiffService {
  versions(subject: string, query: SchemaDiffQuery): Promise<SchemaDiffResult>;
  draft(subject: string, input: DraftDiffInput): Promise<SchemaDiffResult>;
}

type VersionRef = number | 'latest';
const versionRef = (text: string | undefined): VersionRef | undefined => (text === undefined || text === 'latest' ? text : Number(text));

export function createSchemaDiffService(reads: SchemaReads): SchemaDiffService {
  const avro = (registered: RegisteredSchema): ParsedSchema => {
    if (registered.schemaType !== 'AVRO')
      throw new AppError(
        400,
        'NOT_AVRO',
        `Version ${registered.version} of ${registered.subject} is ${registered.schemaType}; the diff compares Avro schemas`,
        { subject: registered.subject, version: registered.version },
      );
    return mustParse(registered.schema, `version ${registered.version} of ${registered.subject}`);
  };

  const result = (
    subject: string,
    compatibility: EffectiveCompatibility,
    from: { version: number | null; id: number | null; text: string; schema: ParsedSchema },
    to: { version: number | null; id: number | null; text: string; schema: ParsedSchema },
  ): SchemaDiffResult => {
    const { changes } = judgeSchemas(from.schema, to.schema, compatibility.level);
    const breaking = changes.filter((c) => c.breaking).length;
    const label = (side: typeof from) => (side.version === null ? 'the draft' : `v${side.version}`);
    const summary =
      changes.length === 0
        ? `${label(from)} and ${label(to)} describe the same data: no changes`
        : `${changes.length} change(s) from ${label(from)} to ${label(to)}; ${breaking === 0 ? 'none breaks' : `${breaking} break(s)`} ${compatibility.level}`;
    return {
      subject,
      from: { version: from.version, id: from.id, schema: pretty(from.text) },
      to: { version: to.version, id: to.id, schema: pretty(to.text) },
      compatibility,
      changes,
      breaking,
      summary,
    };
  };

  const side = (registered: RegisteredSchema) => ({
    version: registered.version,
    id: registered.id,
    text: registered.schema,
    schema: avro(registered),
  });

  return {
    async versions(subject, query) {
      const [versions, compatibility] = await Promise.all([reads.registry.versions(subject), reads.effective(subject)]);
      const sorted = [...versions].sort((a, b) => a - b);
      const to = await reads.version(subject, versionRef(query.to) ?? 'latest');
      let fromRef = versionRef(query.from);
      if (fromRef === undefined) {
        const earlier = sorted.filter((v) => v < to.version);
        if (earlier.length === 0)
          throw new AppError(
            404,
            'VERSION_NOT_FOUND',
            `v${to.version} is the first version of ${subject}: there is no earlier version to compare with; pass ?from=<version>`,
            { subject, versions: sorted },
          );
        fromRef = earlier[earlier.length - 1]!;
      }
      const from = await reads.version(subject, fromRef);
      return result(subject, compatibility, side(from), side(to));
    },

    async draft(subject, input) {
      const parsed = parseSchema(input.draft);
      if (!parsed.ok) throw new AppError(400, 'INVALID_AVRO', `Invalid Avro schema: ${parsed.message}`, { avscMessage: parsed.message });
      const [against, compatibility] = await Promise.all([
        reads.version(subject, versionRef(input.against) ?? 'latest'),
        reads.effective(subject),
      ]);
      const text = typeof input.draft === 'string' ? input.draft : JSON.stringify(input.draft);
      return result(subject, compatibility, side(against), { version: null, id: null, text, schema: parsed.schema });
    },
  };
}

function pretty(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
