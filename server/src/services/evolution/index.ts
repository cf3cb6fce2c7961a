/**
 * Schema evolution of a pipeline: the plan (nothing changes), and its apply as a streamed operation on the shared
 * engine (server/src/operations), one at a time per pipeline, resumable by applying the same plan again.
 */
import { createHash } from 'node:crypto';
import type { EvolutionInput, EvolutionOperation, EvolutionPlan, StartEvolutionResponse } from '../../contracts/evolution.ts';
import { AppError } from '../../errors/app-error.ts';
import { OperationStore } from '../../operations/index.ts';
import { runEvolution } from './apply.ts';
import { newEvolutionOperation, type EvolutionOperationModel } from './operation.ts';
import { resolveEvolution, type EvolutionDeps } from './plan.ts';

export type { EvolutionDeps } from './plan.ts';
export type { EvolutionOperationModel } from './operation.ts';

export interface Evolution {
  plan(input: EvolutionInput): Promise<EvolutionPlan>;
  /** Re-plans; refuses (409 EVOLUTION_BLOCKED) while the plan has blockers; else starts the apply in the background. */
  apply(input: EvolutionInput): Promise<StartEvolutionResponse>;
  get(operationId: string): EvolutionOperation;
  operation(operationId: string): EvolutionOperationModel;
  close(): Promise<void>;
}

export function createEvolution(deps: EvolutionDeps): Evolution {
  const store = new OperationStore<EvolutionOperationModel>(20);
  /** The last finished run of each plan (pipeline + draft), so a re-run knows what an earlier one did. */
  const lastRun = new Map<string, EvolutionOperationModel>();
  const find = (id: string) => {
    const op = store.get(id);
    if (!op)
      throw new AppError(
        404,
        'EVOLUTION_OPERATION_NOT_FOUND',
        `No evolution operation "${id}" (operations live in the panel's memory; it keeps the last 20)`,
        { operationId: id },
      );
    return op;
  };
  return {
    plan: async (input) => (await resolveEvolution(deps, input)).plan,
    async apply(input) {
      const conflict = (running: EvolutionOperationModel) =>
        new AppError(
          409,
          'EVOLUTION_RUNNING',
          `An evolution of ${input.pipeline} is already running (${running.id}); wait for it to finish`,
          {
            operationId: running.id,
          },
        );
      const holder = store.runningFor(input.pipeline);
      if (holder) throw conflict(holder);
      const resolved = await resolveEvolution(deps, input);
      if (!resolved.plan.canApply)
        throw new AppError(409, 'EVOLUTION_BLOCKED', `Nothing was applied: ${resolved.plan.blockers.join('; ')}`, { plan: resolved.plan });
      const key = `${resolved.pipeline.id}\u0000${createHash('sha256').update(resolved.draft).digest('hex')}`;
      const op = newEvolutionOperation(resolved.pipeline.id);
      // Checked again as it is stored: another apply of this pipeline may have started while this one planned.
      store.add(op, { key: input.pipeline, conflict });
      const previous = lastRun.get(key)?.snapshot() ?? null;
      void runEvolution(deps, resolved, op, previous)
        .catch((error: unknown) => {
          if (!op.done) op.finish({ status: 'failed', message: `internal error: ${(error as Error).message}` });
        })
        .finally(() => {
          lastRun.delete(key);
          lastRun.set(key, op);
          // Bounded: the oldest plans are forgotten first (Map keeps insertion order).
          for (const stale of [...lastRun.keys()].slice(0, Math.max(0, lastRun.size - 50))) lastRun.delete(stale);
        });
      return { operationId: op.id };
    },
    get: (id) => find(id).snapshot(),
    operation: find,
    close: async () => {
      await Promise.all(store.running().map((op) => op.finished));
    },
  };
}
