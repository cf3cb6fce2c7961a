import { ErrorResponses } from '../contracts/common.ts';
import { DeadLetterParams, DeadLettersQuery, DeadLettersResponse, RedriveInput, RedriveResult } from '../contracts/dead-letters.ts';
import type { PanelApp } from '../http/panel-app.ts';
import type { DeadLetterService } from '../services/dead-letters.ts';

const tags = ['dead letters'];

export function deadLetterRoutes(app: PanelApp, deadLetters: DeadLetterService): void {
  app.get(
    '/api/pipelines/:id/dead-letters',
    {
      schema: {
        tags,
        summary: "A pipeline's dead-letter topic, grouped by error (reads without a consumer group)",
        params: DeadLetterParams,
        querystring: DeadLettersQuery,
        response: { 200: DeadLettersResponse, ...ErrorResponses },
      },
    },
    (request) => deadLetters.list(request.params.id, request.query.limit),
  );

  app.post(
    '/api/pipelines/:id/dead-letters/redrive',
    {
      schema: {
        tags,
        summary: 'Republish dead letters (a selection or one error group) to their original topic; the DLQ keeps them',
        params: DeadLetterParams,
        body: RedriveInput,
        response: { 200: RedriveResult, ...ErrorResponses },
      },
    },
    (request) => deadLetters.redrive(request.params.id, request.body),
  );
}
