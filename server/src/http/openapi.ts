import fastifySwagger from '@fastify/swagger';
import { Type } from 'typebox';
import { ApiErrorBody } from '../contracts/error-codes.ts';
import { ErrorResponses } from '../contracts/common.ts';
import { PANEL_HEADER } from '../security/request-guard.ts';
import type { PanelApp } from './panel-app.ts';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The OpenAPI document, generated from the routes' schemas (@fastify/swagger) and served at GET /api/openapi.json.
 * Registered before any route: it collects them as they are added. Mutating routes are marked with the header the
 * request guard requires, so a client generated from the document (or a fuzzer) sends it.
 */
export async function registerOpenApi(app: PanelApp): Promise<void> {
  app.addSchema(ApiErrorBody);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (route.schema && methods.some((m) => MUTATING.has(m))) route.schema = { ...route.schema, security: [{ panelHeader: [] }] };
  });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Pipeline Panel API',
        version: '1',
        description:
          'The local control panel of a Kafka → Kafka Connect → ClickHouse stack. Every error is ApiErrorBody; ' +
          `every mutating request needs the header ${PANEL_HEADER.name}: ${PANEL_HEADER.value}.`,
      },
      components: {
        securitySchemes: {
          panelHeader: {
            type: 'apiKey',
            in: 'header',
            name: PANEL_HEADER.name,
            description: `Send ${PANEL_HEADER.name}: ${PANEL_HEADER.value}. Browsers cannot add it to a cross-origin request without a CORS preflight, which the panel never grants.`,
          },
        },
      },
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
  });
  app.get(
    '/api/openapi.json',
    {
      schema: {
        tags: ['meta'],
        summary: 'This document',
        response: { 200: Type.Object({}, { additionalProperties: true }), ...ErrorResponses },
      },
    },
    () => app.swagger(),
  );
}
