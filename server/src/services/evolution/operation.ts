import { EVOLUTION_STEPS, type EvolutionOperation, type EvolutionStep } from '../../contracts/evolution.ts';
import { newResumableApply, type Operation } from '../../operations/index.ts';
import { STEP_TITLES } from './plan.ts';

/** One apply of an evolution plan: an operation whose report is the EvolutionOperation. */
export type EvolutionOperationModel = Operation<EvolutionStep, EvolutionOperation>;

export function newEvolutionOperation(pipeline: string): EvolutionOperationModel {
  return newResumableApply('evolution', pipeline, EVOLUTION_STEPS, STEP_TITLES);
}
