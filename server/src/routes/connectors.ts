import { ErrorResponses, NoBody } from '../contracts/common.ts';
import {
  ConnectorActionParams,
  ConnectorActionResult,
  ConnectorDetail,
  ConnectorFileListResponse,
  ConnectorFileParams,
  ConnectorListResponse,
  ConnectorParams,
  DeleteConnectorInput,
  DeleteConnectorResult,
  DeployResult,
  Preflight,
} from '../contracts/connectors.ts';
import type { PanelApp } from '../http/panel-app.ts';
import type { ConnectorService } from '../services/connectors.ts';

const tags = ['connectors'];

export function connectorRoutes(app: PanelApp, connectors: ConnectorService): void {
  app.get(
    '/api/connectors',
    { schema: { tags, summary: 'Deployed connectors with state and lag', response: { 200: ConnectorListResponse, ...ErrorResponses } } },
    () => connectors.list(),
  );

  app.get(
    '/api/connectors/:name',
    {
      schema: {
        tags,
        summary: 'One connector with its config',
        params: ConnectorParams,
        response: { 200: ConnectorDetail, ...ErrorResponses },
      },
    },
    (request) => connectors.detail(request.params.name),
  );

  app.get(
    '/api/connector-files',
    {
      schema: {
        tags,
        summary: 'Connector files in connectors/ and their diff against Connect',
        response: { 200: ConnectorFileListResponse, ...ErrorResponses },
      },
    },
    () => connectors.files(),
  );

  app.post(
    '/api/connector-files/:file/preflight',
    {
      schema: {
        tags,
        summary: 'Check a connector file before deploying (changes nothing)',
        params: ConnectorFileParams,
        body: NoBody,
        response: { 200: Preflight, ...ErrorResponses },
      },
    },
    (request) => connectors.preflight(request.params.file),
  );

  app.post(
    '/api/connector-files/:file/deploy',
    {
      schema: {
        tags,
        summary: 'Preflight, then deploy a connector file (idempotent)',
        params: ConnectorFileParams,
        body: NoBody,
        response: { 200: DeployResult, ...ErrorResponses },
      },
    },
    (request) => connectors.deploy(request.params.file),
  );

  app.post(
    '/api/connectors/:name/:action',
    {
      schema: {
        tags,
        summary: 'Pause, resume or restart a connector',
        params: ConnectorActionParams,
        body: NoBody,
        response: { 200: ConnectorActionResult, ...ErrorResponses },
      },
    },
    (request) => connectors.action(request.params.name, request.params.action),
  );

  app.delete(
    '/api/connectors/:name',
    {
      schema: {
        tags,
        summary: 'Delete a connector (type its name to confirm)',
        params: ConnectorParams,
        body: DeleteConnectorInput,
        response: { 200: DeleteConnectorResult, ...ErrorResponses },
      },
    },
    (request) => connectors.remove(request.params.name, request.body.confirm),
  );
}
