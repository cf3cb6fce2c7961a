import { ErrorResponses } from '../contracts/common.ts';
import { DraftDiffInput, SchemaDiffParams, SchemaDiffQuery, SchemaDiffResult } from '../contracts/schema-diff.ts';
import type { PanelApp } from '../http/panel-app.ts';
import type { SchemaDiffService } from '../services/schema-diff.ts';

const tags = ['schemas'];

export function schemaDiffRoutes(app: PanelApp, diff: SchemaDiffService): void {
  app.get(
    '/api/schemas/:subject/diff',
    {
      schema: {
        tags,
        summary: 'What changed between two versions, each change judged under the compatibility level',
        description: '`to` defaults to the latest version, `from` to the version before `to`.',
        params: SchemaDiffParams,
        querystring: SchemaDiffQuery,
        response: { 200: SchemaDiffResult, ...ErrorResponses },
      },
    },
    ({ params, query }) => diff.versions(params.subject, query),
  );

  app.post(
    '/api/schemas/:subject/diff',
    {
      schema: {
        tags,
        summary: 'What a draft changes against a version (default the latest); changes nothing',
        params: SchemaDiffParams,
        body: DraftDiffInput,
        response: { 200: SchemaDiffResult, ...ErrorResponses },
      },
    },
    ({ params, body }) => diff.draft(params.subject, body),
  );
}
