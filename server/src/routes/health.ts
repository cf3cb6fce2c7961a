import type { FastifyInstance } from 'fastify';
import type { PanelConfigResponse } from '../contracts/stack.ts';

export function healthRoutes(app: FastifyInstance, info: PanelConfigResponse): void {
  app.get('/api/health', async () => ({ ok: true }));
  app.get('/api/config', async (): Promise<PanelConfigResponse> => info);
}
