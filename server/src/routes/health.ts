import { ErrorResponses, HealthResponse } from '../contracts/common.ts';
import { PanelConfigResponse } from '../contracts/stack.ts';
import type { PanelApp } from '../http/panel-app.ts';

const tags = ['meta'];

export function healthRoutes(app: PanelApp, info: PanelConfigResponse): void {
  app.get('/api/health', { schema: { tags, summary: 'Liveness', response: { 200: HealthResponse, ...ErrorResponses } } }, () => ({
    ok: true,
  }));
  app.get(
    '/api/config',
    { schema: { tags, summary: 'What the UI needs before its first call', response: { 200: PanelConfigResponse, ...ErrorResponses } } },
    () => info,
  );
}
