/** One step of a long-running operation (a smoke run, a wizard apply) as the UI lists it. */
export interface ProgressStep<Name extends string, Status extends string> {
  name: Name;
  title: string;
  status: Status;
  startedAt: string | null;
  durationMs: number | null;
  /** What the step did or is doing, e.g. "42 / 100 rows arrived". */
  detail: string;
}
