import { ErrorResponses } from '../contracts/common.ts';
import { PipelinesGraphResponse } from '../contracts/lineage.ts';
import type { PanelApp } from '../http/panel-app.ts';
import type { LineageService } from '../services/lineage.ts';

/** GET /api/pipelines-graph: every pipeline's lineage graph with its figures and problems (the Pipelines screen). */
export function lineageRoutes(app: PanelApp, lineage: LineageService): void {
  app.get(
    '/api/pipelines-graph',
    {
      schema: {
        tags: ['pipelines'],
        summary: 'Lineage graph of every pipeline (topic → subject → delivery → group → table, dead letters), figures and problems',
        response: { 200: PipelinesGraphResponse, ...ErrorResponses },
      },
    },
    () => lineage.graph(),
  );
}
