import type { FastifyInstance } from 'fastify';
import type {
  StartWizardApplyResponse,
  StartWizardSmokeResponse,
  WizardConnectorGenerateResult,
  WizardConnectorValidateResult,
  WizardInferResult,
  WizardLatestSchema,
  WizardOperation,
  WizardPlan,
  WizardSchemaResult,
  WizardTableGenerateResult,
  WizardTableValidateResult,
  WizardTopicResult,
} from '../contracts/wizard.ts';
import { AppError } from '../errors/app-error.ts';
import { streamOperation } from '../operations/index.ts';
import type { Wizard } from '../wizard/index.ts';
import { wizardSteps as steps } from '../wizard/index.ts';
import { body, engine, optionalStr, pipelineInput, str, strList } from '../wizard/inputs.ts';
import { MAX_BODY_BYTES } from './pipeline-scope.ts';

const opts = { bodyLimit: MAX_BODY_BYTES };

/** The topic→table wizard: one validation per step, the plan, the apply operation and its live steps (SSE). */
export function wizardRoutes(app: FastifyInstance, wizard: Wizard): void {
  const { deps } = wizard;

  app.post('/api/wizard/topic/validate', opts, async (request): Promise<WizardTopicResult> => {
    const b = body(request.body, '{"mode":"new","name":"clicks","partitions":1}');
    return steps.validateTopic(deps, {
      mode: b.mode as 'new',
      name: str(b, 'name', 'topic name'),
      partitions: b.partitions as number,
      retentionMs: b.retentionMs as number,
    });
  });

  app.post('/api/wizard/schema/latest', opts, async (request): Promise<WizardLatestSchema> => {
    const b = body(request.body, '{"topic":"clicks"}');
    return steps.latestSchema(deps, str(b, 'topic'));
  });

  app.post('/api/wizard/schema/infer', opts, async (request): Promise<WizardInferResult> => {
    const b = body(request.body, '{"source":"samples","samples":"[{\\"id\\":1}]"}');
    if (b.limit !== undefined && typeof b.limit !== 'number')
      throw new AppError(400, 'VALIDATION_FAILED', 'limit must be a number', { field: 'limit' });
    return steps.inferSchema(deps, {
      source: b.source as 'topic',
      topic: optionalStr(b, 'topic'),
      samples: optionalStr(b, 'samples') ?? '',
      limit: b.limit as number | undefined,
      recordName: optionalStr(b, 'recordName'),
    });
  });

  app.post('/api/wizard/schema/validate', opts, async (request): Promise<WizardSchemaResult> => {
    const b = body(request.body, '{"topic":"clicks","schema":"{…}"}');
    return steps.validateSchema(deps, str(b, 'topic'), str(b, 'schema'));
  });

  app.post('/api/wizard/table/generate', opts, async (request): Promise<WizardTableGenerateResult> => {
    const b = body(request.body, '{"schema":"{…}","database":"pipeline","table":"clicks","engine":"MergeTree","orderBy":["id"]}');
    return steps.generateTable({
      schema: str(b, 'schema'),
      database: str(b, 'database'),
      table: str(b, 'table'),
      engine: engine(b),
      orderBy: strList(b, 'orderBy'),
      partitionBy: optionalStr(b, 'partitionBy'),
      lowCardinality: strList(b, 'lowCardinality'),
    });
  });

  app.post('/api/wizard/table/validate', opts, async (request): Promise<WizardTableValidateResult> => {
    const b = body(request.body, '{"schema":"{…}","database":"pipeline","table":"clicks","sql":"CREATE TABLE …"}');
    return steps.validateTable(deps, {
      schema: str(b, 'schema'),
      database: str(b, 'database'),
      table: str(b, 'table'),
      sql: str(b, 'sql'),
    });
  });

  app.post('/api/wizard/connector/generate', opts, async (request): Promise<WizardConnectorGenerateResult> => {
    const b = body(request.body, '{"topic":"clicks","database":"pipeline","table":"clicks"}');
    const dlq = b.dlqTopic === null ? null : optionalStr(b, 'dlqTopic');
    return steps.generateConnector(deps, {
      topic: str(b, 'topic'),
      database: str(b, 'database'),
      table: str(b, 'table'),
      name: optionalStr(b, 'name'),
      dlqTopic: dlq,
    });
  });

  app.post('/api/wizard/connector/validate', opts, async (request): Promise<WizardConnectorValidateResult> => {
    const b = body(request.body, '{"topic":"clicks","database":"pipeline","table":"clicks","text":"{…}"}');
    return steps.validateConnector(deps, {
      topic: str(b, 'topic'),
      database: str(b, 'database'),
      table: str(b, 'table'),
      text: str(b, 'text', 'text (the connector JSON)'),
    });
  });

  app.post('/api/wizard/plan', opts, async (request): Promise<WizardPlan> => wizard.plan(pipelineInput(request.body)));

  app.post('/api/wizard/apply', opts, async (request, reply): Promise<StartWizardApplyResponse> => {
    const input = pipelineInput(request.body);
    const smoke = (request.body as { smoke?: unknown }).smoke;
    if (smoke !== undefined && typeof smoke !== 'boolean')
      throw new AppError(400, 'VALIDATION_FAILED', 'smoke must be true or false', { field: 'smoke' });
    const started = await wizard.apply({ ...input, smoke: smoke !== false });
    reply.status(202);
    return started;
  });

  app.get<{ Params: { id: string } }>('/api/wizard/operations/:id', async (request): Promise<WizardOperation> =>
    wizard.get(request.params.id),
  );

  app.post<{ Params: { id: string } }>(
    '/api/wizard/operations/:id/smoke',
    opts,
    async (request, reply): Promise<StartWizardSmokeResponse> => {
      const started = await wizard.startSmoke(request.params.id);
      reply.status(202);
      return started;
    },
  );

  app.get<{ Params: { id: string } }>('/api/wizard/operations/:id/events', (request, reply) =>
    streamOperation(request, reply, wizard.operation(request.params.id)),
  );
}
