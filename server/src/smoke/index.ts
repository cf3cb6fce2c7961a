export { createSmokeRunner, RECORDS, TIMEOUT_MS, type SmokeRunner, type StartOptions } from './runner.ts';
export type { SmokeDeps } from './context.ts';
export type { SmokeRun } from './run.ts';
