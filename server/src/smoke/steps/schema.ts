import { AppError } from '../../errors/app-error.ts';
import { localIncompatibilityReasons } from '../../registry/avro-compatibility.ts';
import { fail } from '../failure.ts';
import type { StepContext } from '../context.ts';

/** Finds the schema under `<topic>-value`, or registers it (idempotent: the same schema is never a new version). */
export async function schemaStep(ctx: StepContext): Promise<string> {
  const { registry } = ctx.deps;
  const { subject } = ctx.pipeline;
  const text = ctx.state.schemaText!;
  const found = await registry.lookup(subject, text);
  if (found) {
    ctx.state.schemaId = found.id;
    ctx.run.report.schema = { subject, id: found.id, version: found.version };
    return `already registered: ${subject} v${found.version} (id ${found.id})`;
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
        `The registry refused ${ctx.state.schemaOrigin} under ${subject}: ${said}${reasons.length ? ` — ${reasons.join('; ')}` : ''}`,
        `make the schema compatible with ${subject}'s latest version (the Schemas screen shows why), or change the subject's compatibility level there`,
        { registryMessage: said, reasons },
      );
    }
    throw error;
  }
  const registered = await registry.lookup(subject, text).catch(() => null);
  ctx.state.schemaId = id;
  ctx.run.report.schema = { subject, id, version: registered?.version ?? null };
  return `registered ${subject}${registered ? ` v${registered.version}` : ''} (id ${id})`;
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
