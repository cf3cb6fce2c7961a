import { ErrorResponses, EventStream, NoBody } from '../contracts/common.ts';
import {
  StartWizardApplyResponse,
  StartWizardSmokeResponse,
  WizardApplyInput,
  WizardApplyStep,
  WizardConnectorGenerateInput,
  WizardConnectorGenerateResult,
  WizardConnectorValidateInput,
  WizardConnectorValidateResult,
  WizardInferInput,
  WizardInferResult,
  WizardLatestSchema,
  WizardLatestSchemaInput,
  WizardOperation,
  WizardOperationParams,
  WizardPipelineInput,
  WizardPlan,
  WizardSchemaInput,
  WizardSchemaResult,
  WizardTableGenerateInput,
  WizardTableGenerateResult,
  WizardTableValidateInput,
  WizardTableValidateResult,
  WizardTopicInput,
  WizardTopicResult,
} from '../contracts/wizard.ts';
import type { PanelApp } from '../http/panel-app.ts';
import { streamOperation } from '../operations/index.ts';
import type { Wizard } from '../wizard/index.ts';
import { wizardSteps as steps } from '../wizard/index.ts';

const tags = ['wizard'];
const post = <B, R>(summary: string, body: B, response: R) => ({
  schema: { tags, summary, body, response: { 200: response, ...ErrorResponses } },
});

/** The topic→table wizard: one validation per step, the plan, the apply operation and its live steps (SSE). */
export function wizardRoutes(app: PanelApp, wizard: Wizard): void {
  const { deps } = wizard;

  app.post('/api/wizard/topic/validate', post('Step 1: check the topic', WizardTopicInput, WizardTopicResult), (request) =>
    steps.validateTopic(deps, request.body),
  );

  app.post(
    '/api/wizard/schema/latest',
    post("Step 2: the topic's latest registered schema", WizardLatestSchemaInput, WizardLatestSchema),
    (request) => steps.latestSchema(deps, request.body.topic),
  );

  app.post(
    '/api/wizard/schema/infer',
    post('Step 2: infer a schema from messages or samples', WizardInferInput, WizardInferResult),
    (request) => steps.inferSchema(deps, request.body),
  );

  app.post('/api/wizard/schema/validate', post('Step 2: check the schema', WizardSchemaInput, WizardSchemaResult), (request) =>
    steps.validateSchema(deps, request.body.topic, request.body.schema),
  );

  app.post(
    '/api/wizard/table/generate',
    post('Step 3: generate the table DDL', WizardTableGenerateInput, WizardTableGenerateResult),
    (request) => steps.generateTable(request.body),
  );

  app.post(
    '/api/wizard/table/validate',
    post('Step 3: run the DDL in a scratch database', WizardTableValidateInput, WizardTableValidateResult),
    (request) => steps.validateTable(deps, request.body),
  );

  app.post(
    '/api/wizard/connector/generate',
    post('Step 4: generate the sink connector config', WizardConnectorGenerateInput, WizardConnectorGenerateResult),
    (request) => steps.generateConnector(deps, request.body),
  );

  app.post(
    '/api/wizard/connector/validate',
    post('Step 4: validate the connector config', WizardConnectorValidateInput, WizardConnectorValidateResult),
    (request) => steps.validateConnector(deps, request.body),
  );

  app.post('/api/wizard/plan', post('Step 5: what applying would change (changes nothing)', WizardPipelineInput, WizardPlan), (request) =>
    wizard.plan(request.body),
  );

  app.post(
    '/api/wizard/apply',
    {
      schema: {
        tags,
        summary: 'Step 6: apply the plan',
        body: WizardApplyInput,
        response: { 202: StartWizardApplyResponse, ...ErrorResponses },
      },
    },
    async (request, reply) => reply.status(202).send(await wizard.apply(request.body)),
  );

  app.get(
    '/api/wizard/operations/:id',
    {
      schema: { tags, summary: 'An apply operation', params: WizardOperationParams, response: { 200: WizardOperation, ...ErrorResponses } },
    },
    async (request) => wizard.get(request.params.id),
  );

  app.post(
    '/api/wizard/operations/:id/smoke',
    {
      schema: {
        tags,
        summary: "(Re)start the applied pipeline's smoke test",
        params: WizardOperationParams,
        body: NoBody,
        response: { 202: StartWizardSmokeResponse, ...ErrorResponses },
      },
    },
    async (request, reply) => reply.status(202).send(await wizard.startSmoke(request.params.id)),
  );

  app.get(
    '/api/wizard/operations/:id/events',
    {
      schema: {
        tags,
        summary: "An apply's steps as they happen",
        params: WizardOperationParams,
        response: EventStream('Steps, then `done`', { step: WizardApplyStep, done: WizardOperation }),
      },
    },
    (request, reply) => streamOperation(request, reply, wizard.operation(request.params.id)),
  );
}
