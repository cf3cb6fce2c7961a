export { ResetService, type ResetServiceOptions } from './service.ts';
export { ResetRun } from './steps.ts';
export { readResetSettings, type ResetSettings } from './settings.ts';
export { detectSelfContainerIds } from './self-container.ts';
export { buildPlan, subjectForSchemaFile } from './plan.ts';
export type { BootstrapTargets } from './bootstrap.ts';
