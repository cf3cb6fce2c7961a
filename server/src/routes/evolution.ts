import { ErrorResponses, EventStream } from '../contracts/common.ts';
import {
  EvolutionInput,
  EvolutionOperation,
  EvolutionOperationParams,
  EvolutionPlan,
  EvolutionStep,
  StartEvolutionResponse,
} from '../contracts/evolution.ts';
import type { PanelApp } from '../http/panel-app.ts';
import { streamOperation } from '../operations/index.ts';
import type { Evolution } from '../services/evolution/index.ts';

const tags = ['evolution'];

/** Schema evolution of a pipeline: the plan, its apply, and the apply's steps as they happen (SSE). */
export function evolutionRoutes(app: PanelApp, evolution: Evolution): void {
  app.post(
    '/api/evolution/plan',
    {
      schema: {
        tags,
        summary: 'What evolving a pipeline to a new schema would do, step by step (changes nothing)',
        body: EvolutionInput,
        response: { 200: EvolutionPlan, ...ErrorResponses },
      },
    },
    (request) => evolution.plan(request.body),
  );

  app.post(
    '/api/evolution/apply',
    {
      schema: {
        tags,
        summary: 'Apply the plan (refused with 409 EVOLUTION_BLOCKED while it has blockers); run again to finish a failed one',
        body: EvolutionInput,
        response: { 202: StartEvolutionResponse, ...ErrorResponses },
      },
    },
    async (request, reply) => reply.status(202).send(await evolution.apply(request.body)),
  );

  app.get(
    '/api/evolution/operations/:id',
    {
      schema: {
        tags,
        summary: 'An evolution apply',
        params: EvolutionOperationParams,
        response: { 200: EvolutionOperation, ...ErrorResponses },
      },
    },
    async (request) => evolution.get(request.params.id),
  );

  app.get(
    '/api/evolution/operations/:id/events',
    {
      schema: {
        tags,
        summary: "An evolution apply's steps as they happen",
        params: EvolutionOperationParams,
        response: EventStream('Steps, then `done`', { step: EvolutionStep, done: EvolutionOperation }),
      },
    },
    (request, reply) => streamOperation(request, reply, evolution.operation(request.params.id)),
  );
}
