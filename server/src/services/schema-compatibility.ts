/**
 * The compatibility check that lists every incompatibility: the registry's answers (against the latest version, and
 * against each earlier one under a transitive level) plus the panel's own findings from the semantic diff, each
 * marked with where it came from. Shared by the Schemas screen and the evolution plan.
 */
import type { CompatibilityVerdict, Incompatibility, SchemaInput } from '../contracts/schemas.ts';
import { parseAvroSchema } from '../domain/avro/model.ts';
import { levelDirections } from '../domain/schema-diff/index.ts';
import { AppError } from '../errors/app-error.ts';
import { panelIncompatibilities, panelMessage } from '../registry/avro-compatibility.ts';
import type { CompatibilityAnswer } from '../registry/index.ts';
import type { SchemaReads } from './schema-versions.ts';

export interface CompatibilityCheck {
  check(subject: string, input: SchemaInput): Promise<CompatibilityVerdict>;
  /** A registry's 409 on registration with every reason the itemised check finds. */
  withReasons(subject: string, schema: string, error: AppError): Promise<AppError>;
}

export function createCompatibilityCheck(reads: SchemaReads): CompatibilityCheck {
  const { registry } = reads;

  const itemise = async (subject: string, schema: string, level: string) => {
    const targets = await reads.toCompare(subject, level);
    const findings = panelIncompatibilities(level, schema, targets);
    const older = levelDirections(level).transitive ? targets.slice(1) : [];
    const answers = await Promise.all(
      older.map(async (t) => ({ version: t.version, answer: await registry.checkCompatibility(subject, schema, t.version) })),
    );
    const fromRegistry: Incompatibility[] = answers.flatMap(({ version, answer }) =>
      reasonsOf(answer).map((message) => ({ source: 'registry' as const, version, direction: null, path: null, message })),
    );
    const incompatibilities: Incompatibility[] = [
      ...fromRegistry,
      ...findings.map((f) => ({ source: 'panel' as const, version: f.version, direction: f.direction, path: f.path, message: f.message })),
    ];
    const olderCompatible = answers.every(({ answer }) => answer?.compatible !== false);
    return { incompatibilities, panelCompatible: findings.length === 0, olderCompatible, findings };
  };

  return {
    async check(subject, input) {
      const schema = avroText(input);
      const [answer, compatibility] = await Promise.all([registry.checkCompatibility(subject, schema), reads.effective(subject)]);
      const level = compatibility.level;
      if (answer === null)
        return { subject, subjectExists: false, compatible: null, messages: [], incompatibilities: [], disagreement: false, level };
      const itemised = await itemise(subject, schema, level);
      const compatible = answer.compatible && itemised.olderCompatible;
      const incompatibilities = [...registryItems(reasonsOf(answer)), ...itemised.incompatibilities];
      return {
        subject,
        subjectExists: true,
        compatible,
        messages: asText(incompatibilities),
        incompatibilities,
        disagreement: compatible !== itemised.panelCompatible,
        level,
      };
    },

    /** A 409 from the registry names the conflict only loosely; the itemised check adds every reason. */
    async withReasons(subject, schema, error) {
      const details = (error.details ?? {}) as Record<string, unknown>;
      const messages = [...((details.messages as string[] | undefined) ?? [])];
      let incompatibilities: Incompatibility[] = registryItems(messages);
      try {
        const [answer, { level }] = await Promise.all([registry.checkCompatibility(subject, schema), reads.effective(subject)]);
        const itemised = await itemise(subject, schema, level);
        for (const m of answer?.messages ?? []) if (!messages.includes(m)) messages.push(m);
        incompatibilities = [...registryItems(messages), ...itemised.incompatibilities];
        messages.push(...itemised.findings.map(panelMessage));
      } catch {
        // The registry's own 409 message is still there.
      }
      return new AppError(409, 'INCOMPATIBLE_SCHEMA', error.message, { ...details, messages, incompatibilities });
    },
  };
}

const registryItems = (messages: string[]): Incompatibility[] =>
  messages.map((message) => ({ source: 'registry', version: null, direction: null, path: null, message }));

const asText = (items: Incompatibility[]) =>
  items.map((i) => (i.source === 'panel' ? `panel check: ${i.message}` : i.version === null ? i.message : `v${i.version}: ${i.message}`));

/** The registry's reasons; a refusal without any (Apicurio ignores ?verbose=true) still says that it refused. */
function reasonsOf(answer: CompatibilityAnswer | null): string[] {
  if (!answer || answer.compatible || answer.messages.length > 0) return answer?.messages ?? [];
  return ['the registry answered "incompatible" without giving reasons'];
}

/** Validates the Avro schema with avsc before the registry sees it; returns compact JSON text. */
export function avroText({ schema }: SchemaInput): string {
  const parsed = parseAvroSchema(schema);
  if (!parsed.ok) throw new AppError(400, 'INVALID_AVRO', `Invalid Avro schema: ${parsed.message}`, { avscMessage: parsed.message });
  return JSON.stringify(parsed.schema);
}
