import type { FastifyInstance } from 'fastify';
import type { ContractSource, PipelineContractResponse, PipelineListResponse } from '../contracts/smoke.ts';
import { AppError } from '../errors/app-error.ts';
import { pipelineContract, type ContractDeps } from '../pipelines/contract.ts';
import { getPipeline, listPipelines } from '../pipelines/index.ts';

/** GET /api/pipelines and the contract check of one pipeline (schema file or registry latest vs live columns). */
export function pipelineListRoutes(app: FastifyInstance, deps: ContractDeps): void {
  app.get('/api/pipelines', (): Promise<PipelineListResponse> => listPipelines(deps.files, deps.schemaFiles));

  app.post<{ Params: { id: string }; Querystring: { source?: string } }>(
    '/api/pipelines/:id/contract',
    async (request): Promise<PipelineContractResponse> => {
      const source = request.query.source ?? 'file';
      if (source !== 'file' && source !== 'registry') {
        throw new AppError(
          400,
          'VALIDATION_FAILED',
          `source must be "file" (connectors/<subject>.avsc) or "registry" (the subject's latest version); got ${JSON.stringify(source)}`,
        );
      }
      const pipeline = await getPipeline(deps.files, deps.schemaFiles, request.params.id);
      return pipelineContract(deps, pipeline, source as ContractSource);
    },
  );
}
