import type { SchemaRegistrationNeededDetails } from '../../contracts/smoke.ts';
import { AppError } from '../../errors/app-error.ts';
import { localIncompatibilityReasons } from '../../registry/avro-compatibility.ts';
import { fail } from '../failure.ts';
import type { StepContext } from '../context.ts';

/** The code of the failure that asks for consent before registering (the UI offers "Register the file's schema and run again"). */
export const SCHEMA_REGISTRATION_NEEDED = 'SCHEMA_REGISTRATION_NEEDED';

/**
 * Never changes a subject silently. The file's schema already registered under `<topic>-value` (any version, even
 * an older one) is used as it is: its id encodes the records and nothing is registered, so the subject is never
 * rolled back. A schema the subject does not hold yet is registered only when the subject has no version at all,
 * or the caller agreed (`register: true`); otherwise the run stops here, before anything is produced, and says
 * which version is the latest.
 */
export async function schemaStep(ctx: StepContext): Promise<string> {
  const { registry } = ctx.deps;
  const { subject } = ctx.pipeline;
  const text = ctx.state.schemaText!;
  const origin = ctx.state.schemaOrigin ?? 'the schema';
  const [found, versions] = await Promise.all([registry.lookup(subject, text), subjectVersions(ctx)]);
  const latestVersion = versions.length > 0 ? Math.max(...versions) : null;

  if (found) {
    ctx.state.schemaId = found.id;
    ctx.run.report.schema = { subject, id: found.id, version: found.version, latestVersion, registered: false };
    if (latestVersion !== null && found.version < latestVersion) {
      return `already registered: ${subject} v${found.version} (id ${found.id}), an older version — the latest is v${latestVersion}; the records are encoded with v${found.version}'s id and nothing was registered`;
    }
    return `already registered: ${subject} v${found.version} (id ${found.id}), the latest version; nothing was registered`;
  }

  if (latestVersion !== null && !ctx.options.register) {
    const latest = await registry.version(subject, latestVersion).catch(() => null);
    fail(
      'Schema Registry',
      `${origin} is not registered under ${subject}: it matches none of the subject's ${versions.length} version(s), and the latest is v${latestVersion}${latest ? ` (id ${latest.id})` : ''}. Registering it would make it the subject's new latest version, so the panel did not register it and produced nothing`,
      `to register ${origin} as ${subject}'s next version, run again with "register": true (API) or "Register the file's schema and run again" (Smoke test screen); to test with the registered schema instead, make ${origin} equal to v${latestVersion} (Schemas screen shows it)`,
      { subject, latestVersion, latestId: latest?.id ?? null, versions } satisfies SchemaRegistrationNeededDetails,
      SCHEMA_REGISTRATION_NEEDED,
    );
  }

  let id: number;
  try {
    ({ id } = await registry.register(subject, text));
  } catch (error) {
    if (error instanceof AppError && error.code === 'INCOMPATIBLE_SCHEMA') {
      const said = (error.details as { registryMessage?: string } | undefined)?.registryMessage || error.message;
      const reasons = await whyIncompatible(ctx, text);
      fail(
        'Schema Registry',
        `The registry refused ${origin} under ${subject}: ${said}${reasons.length ? ` — ${reasons.join('; ')}` : ''}`,
        `make the schema compatible with ${subject}'s latest version (the Schemas screen shows why), or change the subject's compatibility level there`,
        { registryMessage: said, reasons },
      );
    }
    throw error;
  }
  const registered = await registry.lookup(subject, text).catch(() => null);
  ctx.state.schemaId = id;
  ctx.run.report.schema = { subject, id, version: registered?.version ?? null, latestVersion, registered: true };
  const was =
    latestVersion === null
      ? 'the subject had no version'
      : `the latest was v${latestVersion}; registered because the run was started with register: true`;
  return `registered ${subject}${registered ? ` v${registered.version}` : ''} (id ${id}); ${was}`;
}

/** The subject's versions; none when it does not exist. */
async function subjectVersions(ctx: StepContext): Promise<number[]> {
  try {
    return await ctx.deps.registry.versions(ctx.pipeline.subject);
  } catch (error) {
    if (error instanceof AppError && error.statusCode === 404) return [];
    throw error;
  }
}

/** The registry's verbose reasons, else the panel's own avsc check against the latest version. */
async function whyIncompatible(ctx: StepContext, text: string): Promise<string[]> {
  const { registry } = ctx.deps;
  const { subject } = ctx.pipeline;
  try {
    const answer = await registry.checkCompatibility(subject, text);
    if (answer && answer.messages.length > 0) return answer.messages;
    const [latest, level] = await Promise.all([registry.version(subject, 'latest'), registry.subjectCompatibility(subject)]);
    return localIncompatibilityReasons(level ?? (await registry.globalCompatibility()), text, latest.schema);
  } catch {
    return [];
  }
}
