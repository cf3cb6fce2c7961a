export {
  Operation,
  type OperationEvent,
  type OperationInit,
  type OperationListener,
  type OperationReport,
  type OperationStep,
} from './operation.ts';
export { OperationStore, type Exclusive } from './store.ts';
export { runSteps, type PlannedStep, type RunStepsOptions, type StepsOutcome } from './run-steps.ts';
export { HEARTBEAT_MS, pipeOperation, streamOperation } from './stream.ts';
export { newResumableApply, type ApplyReport, type ApplyStep } from './resumable-apply.ts';
