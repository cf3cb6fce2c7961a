import type { PipelineListResponse, PipelineRef } from '../contracts/smoke.ts';
import { AppError } from '../errors/app-error.ts';
import { parseConnectorFile, type RepoFiles } from '../repo-files/index.ts';
import { pipelinesOfConnectorFile } from './resolve.ts';
import type { SchemaFiles } from './schema-files.ts';

export { createSchemaFiles, type SchemaFiles } from './schema-files.ts';
export { pipelinesOfConnectorFile } from './resolve.ts';

/** Every pipeline the repo's connectors/ folder describes (truth is the files; nothing is cached). */
export async function listPipelines(files: RepoFiles, schemaFiles: SchemaFiles): Promise<PipelineListResponse> {
  const [names, schemas] = await Promise.all([files.list('connectors'), schemaFiles.list()]);
  const pipelines: PipelineRef[] = [];
  const skipped: PipelineListResponse['skipped'] = [];
  for (const file of names) {
    try {
      const resolved = pipelinesOfConnectorFile(file, parseConnectorFile(file, await files.read('connectors', file)), schemas);
      if ('skip' in resolved) skipped.push({ file, reason: resolved.skip });
      else pipelines.push(...resolved.pipelines);
    } catch (error) {
      skipped.push({ file, reason: (error as Error).message });
    }
  }
  return { pipelines, skipped };
}

export async function getPipeline(files: RepoFiles, schemaFiles: SchemaFiles, id: string): Promise<PipelineRef> {
  const { pipelines } = await listPipelines(files, schemaFiles);
  const found = pipelines.find((p) => p.id === id);
  if (!found) {
    const known = pipelines.map((p) => p.id).join(', ') || 'none';
    throw new AppError(
      404,
      'PIPELINE_NOT_FOUND',
      `No pipeline "${id}" in connectors/ (known: ${known}); a pipeline is a ClickHouse sink connector file`,
      { pipeline: id },
    );
  }
  return found;
}
