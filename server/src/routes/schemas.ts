import { ErrorResponses } from '../contracts/common.ts';
import {
  CompatibilityVerdict,
  RegisterResult,
  SchemaInput,
  SchemaVersion,
  SetCompatibilityInput,
  SetCompatibilityResult,
  SubjectDetail,
  SubjectListResponse,
  SubjectParams,
  SubjectVersionParams,
} from '../contracts/schemas.ts';
import type { PanelApp } from '../http/panel-app.ts';
import type { SchemaService } from '../services/schemas.ts';

const tags = ['schemas'];

export function schemaRoutes(app: PanelApp, schemas: SchemaService): void {
  app.get('/api/schemas', { schema: { tags, summary: 'List subjects', response: { 200: SubjectListResponse, ...ErrorResponses } } }, () =>
    schemas.list(),
  );

  app.get(
    '/api/schemas/:subject',
    {
      schema: {
        tags,
        summary: "A subject's versions, latest schema and effective compatibility",
        params: SubjectParams,
        response: { 200: SubjectDetail, ...ErrorResponses },
      },
    },
    (request) => schemas.detail(request.params.subject),
  );

  app.get(
    '/api/schemas/:subject/versions/:version',
    {
      schema: {
        tags,
        summary: 'One version of a subject',
        params: SubjectVersionParams,
        response: { 200: SchemaVersion, ...ErrorResponses },
      },
    },
    ({ params }) => schemas.version(params.subject, params.version === 'latest' ? 'latest' : Number(params.version)),
  );

  app.post(
    '/api/schemas/:subject/check',
    {
      schema: {
        tags,
        summary: 'Check a schema against the subject (changes nothing)',
        params: SubjectParams,
        body: SchemaInput,
        response: { 200: CompatibilityVerdict, ...ErrorResponses },
      },
    },
    (request) => schemas.check(request.params.subject, request.body),
  );

  app.post(
    '/api/schemas/:subject/versions',
    {
      schema: {
        tags,
        summary: 'Register a schema (idempotent)',
        params: SubjectParams,
        body: SchemaInput,
        response: { 200: RegisterResult, ...ErrorResponses },
      },
    },
    (request) => schemas.register(request.params.subject, request.body),
  );

  app.put(
    '/api/schemas/:subject/compatibility',
    {
      schema: {
        tags,
        summary: "Set the subject's own compatibility level",
        params: SubjectParams,
        body: SetCompatibilityInput,
        response: { 200: SetCompatibilityResult, ...ErrorResponses },
      },
    },
    (request) => schemas.setCompatibility(request.params.subject, request.body.level),
  );
}
