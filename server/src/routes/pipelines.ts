import { ErrorResponses, NoBody } from '../contracts/common.ts';
import { PipelineContractQuery, PipelineContractResponse, PipelineListResponse, PipelineParams } from '../contracts/smoke.ts';
import type { PanelApp } from '../http/panel-app.ts';
import { pipelineContract, type ContractDeps } from '../pipelines/contract.ts';
import { getPipeline, listPipelines } from '../pipelines/index.ts';

const tags = ['smoke'];

/** GET /api/pipelines and the contract check of one pipeline (schema file or registry latest vs live columns). */
export function pipelineListRoutes(app: PanelApp, deps: ContractDeps): void {
  app.get(
    '/api/pipelines',
    { schema: { tags, summary: 'Pipelines read from connectors/', response: { 200: PipelineListResponse, ...ErrorResponses } } },
    (): Promise<PipelineListResponse> => listPipelines(deps.files, deps.schemaFiles),
  );

  app.post(
    '/api/pipelines/:id/contract',
    {
      schema: {
        tags,
        summary: "Check a pipeline's schema against its table (changes nothing)",
        params: PipelineParams,
        querystring: PipelineContractQuery,
        body: NoBody,
        response: { 200: PipelineContractResponse, ...ErrorResponses },
      },
    },
    async (request): Promise<PipelineContractResponse> => {
      const pipeline = await getPipeline(deps.files, deps.schemaFiles, request.params.id);
      return pipelineContract(deps, pipeline, request.query.source ?? 'file');
    },
  );
}
