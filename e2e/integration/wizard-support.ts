/**
 * The wizard integration tests' app: real clients on the harness services, a temp project holding a COPY of the
 * repo's sql/ and connectors/ (tests never write into the repo), the smoke routes and the wizard.
 */
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { WizardOperation, WizardPipelineInput } from '@pipeline-panel/server/contracts';
import type { PipelinePort } from '@pipeline-panel/server/ports';
import { repoRoot } from '../harness/panel-server.ts';
import { pipelineApp, pollJson } from './pipeline-support.ts';
import { smokeOptions } from './smoke-support.ts';

export function copyOfRepoProject(label: string): string {
  const dir = mkdtempSync(join(tmpdir(), `pipeline-panel-${label}-`));
  cpSync(join(repoRoot, 'sql'), join(dir, 'sql'), { recursive: true });
  cpSync(join(repoRoot, 'connectors'), join(dir, 'connectors'), { recursive: true });
  return dir;
}

export async function wizardApp(port: PipelinePort, projectDir: string): Promise<FastifyInstance> {
  return pipelineApp(port, { smoke: smokeOptions(projectDir), wizard: { projectDir } });
}

export async function waitForOperation(app: FastifyInstance, id: string, timeoutMs = 300_000): Promise<WizardOperation> {
  return pollJson<WizardOperation>(
    app,
    `/api/wizard/operations/${id}`,
    (op) => op.status !== 'running',
    (op) => `wizard operation ${id} still running after ${timeoutMs} ms: ${stepsLine(op)}`,
    timeoutMs,
    200,
  );
}

export function stepsLine(op: WizardOperation): string {
  return op.steps
    .map(
      (s) =>
        `${s.name}=${s.status}${s.changed === null ? '' : s.changed ? '(changed)' : '(unchanged)'}${s.status === 'failed' ? `: ${s.detail}` : ''}`,
    )
    .join(' ');
}

export async function applyAndWait(app: FastifyInstance, input: WizardPipelineInput & { smoke?: boolean }): Promise<WizardOperation> {
  const res = await app.inject({ method: 'POST', url: '/api/wizard/apply', payload: input as object });
  if (res.statusCode !== 202) throw new Error(`apply answered ${res.statusCode}: ${res.body}`);
  return waitForOperation(app, res.json<{ operationId: string }>().operationId);
}
