/** One step of a long-running operation (a smoke run, a wizard apply) as the UI lists it. */
import { Type, type TSchema } from 'typebox';
import { Nullable } from './common.ts';

export const progressStepFields = <Name extends TSchema, Status extends TSchema>(name: Name, status: Status) => ({
  name,
  title: Type.String(),
  status,
  startedAt: Nullable(Type.String()),
  durationMs: Nullable(Type.Number()),
  /** What the step did or is doing, e.g. "42 / 100 rows arrived". */
  detail: Type.String(),
});
