/**
 * The wizard integration tests' app: real clients on the harness services, a temp project holding a COPY of the
 * repo's sql/ and connectors/ (tests never write into the repo), the smoke routes and the wizard.
 */
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '@pipeline-panel/server/app';
import type { WizardOperation, WizardPipelineInput } from '@pipeline-panel/server/contracts';
import { createSchemaFiles } from '@pipeline-panel/server/pipelines/index';
import type { PipelinePort } from '@pipeline-panel/server/ports';
import { repoRoot } from '../harness/panel-server.ts';

export function copyOfRepoProject(label: string): string {
  const dir = mkdtempSync(join(tmpdir(), `pipeline-panel-${label}-`));
  cpSync(join(repoRoot, 'sql'), join(dir, 'sql'), { recursive: true });
  cpSync(join(repoRoot, 'connectors'), join(dir, 'connectors'), { recursive: true });
  return dir;
}

export async function wizardApp(port: PipelinePort, projectDir: string): Promise<FastifyInstance> {
  const unused = (what: string) => () => {
    throw new Error(`${what} is not part of these tests`);
  };
  return buildApp({
    info: { project: 'integration', composeFile: 'docker-compose.yml' },
    security: { allowedHosts: ['localhost:80'], allowedOrigins: ['http://localhost:80'], token: null },
    stack: { snapshot: unused('the stack screen'), subscribe: unused('the stack screen') },
    probes: { runAll: unused('probes') },
    services: { action: unused('service actions'), logs: unused('service logs') },
    pipeline: port,
    smoke: { schemaFiles: createSchemaFiles(projectDir), pollIntervalMs: 500 },
    wizard: { projectDir },
  });
}

export async function waitForOperation(app: FastifyInstance, id: string, timeoutMs = 300_000): Promise<WizardOperation> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const op = (await app.inject({ method: 'GET', url: `/api/wizard/operations/${id}` })).json<WizardOperation>();
    if (op.status !== 'running') return op;
    if (Date.now() > deadline) throw new Error(`wizard operation ${id} still running after ${timeoutMs} ms: ${stepsLine(op)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export function stepsLine(op: WizardOperation): string {
  return op.steps.map((s) => `${s.name}=${s.status}${s.changed === null ? '' : s.changed ? '(changed)' : '(unchanged)'}${s.status === 'failed' ? `: ${s.detail}` : ''}`).join(' ');
}

export async function applyAndWait(app: FastifyInstance, input: WizardPipelineInput & { smoke?: boolean }): Promise<WizardOperation> {
  const res = await app.inject({ method: 'POST', url: '/api/wizard/apply', payload: input as object });
  if (res.statusCode !== 202) throw new Error(`apply answered ${res.statusCode}: ${res.body}`);
  return waitForOperation(app, res.json<{ operationId: string }>().operationId);
}
