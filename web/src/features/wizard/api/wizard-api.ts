import { useMutation } from '@tanstack/react-query';
import type {
  StartWizardApplyResponse,
  StartWizardSmokeResponse,
  WizardApplyInput,
  WizardConnectorGenerateInput,
  WizardConnectorGenerateResult,
  WizardConnectorValidateInput,
  WizardConnectorValidateResult,
  WizardInferInput,
  WizardInferResult,
  WizardLatestSchema,
  WizardPipelineInput,
  WizardPlan,
  WizardSchemaResult,
  WizardTableGenerateInput,
  WizardTableGenerateResult,
  WizardTableValidateInput,
  WizardTableValidateResult,
  WizardTopicInput,
  WizardTopicResult,
} from '@pipeline-panel/server/contracts';
import { api, type ApiError } from '../../../lib/api-client.ts';
import { useTokenGuard } from '../../../components/use-token-guard.ts';

/** Every wizard endpoint is a POST (validations take bodies; apply and smoke mutate). */
const endpoints = {
  validateTopic: (b: WizardTopicInput) => api.post<WizardTopicResult>('/api/wizard/topic/validate', b),
  latestSchema: (b: { topic: string }) => api.post<WizardLatestSchema>('/api/wizard/schema/latest', b),
  inferSchema: (b: WizardInferInput) => api.post<WizardInferResult>('/api/wizard/schema/infer', b),
  validateSchema: (b: { topic: string; schema: string }) => api.post<WizardSchemaResult>('/api/wizard/schema/validate', b),
  generateTable: (b: WizardTableGenerateInput) => api.post<WizardTableGenerateResult>('/api/wizard/table/generate', b),
  validateTable: (b: WizardTableValidateInput) => api.post<WizardTableValidateResult>('/api/wizard/table/validate', b),
  generateConnector: (b: WizardConnectorGenerateInput) => api.post<WizardConnectorGenerateResult>('/api/wizard/connector/generate', b),
  validateConnector: (b: WizardConnectorValidateInput) => api.post<WizardConnectorValidateResult>('/api/wizard/connector/validate', b),
  plan: (b: WizardPipelineInput) => api.post<WizardPlan>('/api/wizard/plan', b),
  apply: (b: WizardApplyInput) => api.post<StartWizardApplyResponse>('/api/wizard/apply', b),
  startSmoke: (b: { operationId: string }) =>
    api.post<StartWizardSmokeResponse>(`/api/wizard/operations/${encodeURIComponent(b.operationId)}/smoke`),
};

type Endpoints = typeof endpoints;

/** One mutation per wizard call, through the token guard (the panel may require its token for POSTs). */
export function useWizardCall<K extends keyof Endpoints>(name: K) {
  const guard = useTokenGuard();
  type Input = Parameters<Endpoints[K]>[0];
  type Output = Awaited<ReturnType<Endpoints[K]>>;
  return useMutation<Output, ApiError, Input>({
    mutationFn: (input) => guard(() => (endpoints[name] as (b: Input) => Promise<Output>)(input)),
  });
}
