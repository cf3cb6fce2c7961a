import { randomBytes } from 'node:crypto';
import type { ComposeTarget } from '../compose/cli.ts';
import type { ResetPlan, ResetReport, ResetStep, ResetStepId, StartResetResponse } from '../contracts/reset.ts';
import { OperationStore, runSteps, type PlannedStep } from '../operations/index.ts';
import { toDockerError, withTimeout } from '../docker/errors.ts';
import { PROJECT_LABEL } from '../docker/labels.ts';
import type { ProjectDocker } from '../docker/project-docker.ts';
import type { DeclaredService } from '../docker/status.ts';
import { AppError } from '../errors/app-error.ts';
import {
  applySqlFiles,
  bootstrapPlan,
  deployConnectorFiles,
  registerSchemaFiles,
  type BootstrapContext,
  type BootstrapTargets,
} from './bootstrap.ts';
import { composeArgv, runComposeStreaming } from './compose-stream.ts';
import { RUN_AGAIN, StepFailure, toFailure } from './failure.ts';
import { readInventory } from './inventory.ts';
import { buildPlan } from './plan.ts';
import type { ResetSettings } from './settings.ts';
import { ResetRun, stepsDoneBefore } from './steps.ts';

export interface ResetServiceOptions {
  target: ComposeTarget;
  projectDocker: ProjectDocker;
  /** The services declared in the compose file, read fresh (throws when the file is broken). */
  declared: () => Promise<DeclaredService[]>;
  bootstrap: BootstrapTargets;
  settings: ResetSettings;
  /** Candidate ids of the container the panel runs in (detectSelfContainerIds()). */
  selfIds: string[];
  log?: { error(obj: unknown, msg?: string): void };
}

const KEEP_REPORTS = 10;
const HEALTH_POLL_MS = 1_000;

/** The reset operation: one at a time, steps streamed to subscribers, a failed run resumed by the next one. */
export class ResetService {
  private readonly store = new OperationStore<ResetRun>(KEEP_REPORTS);

  constructor(private readonly options: ResetServiceOptions) {}

  get project(): string {
    return this.options.target.project;
  }

  /** What a reset would remove, keep and bring back, from Docker's current state and the repo's files. */
  async plan(): Promise<ResetPlan> {
    const { projectDocker, target, settings, selfIds } = this.options;
    const declared = await this.options.declared();
    const [inventory, bootstrap] = await Promise.all([
      readInventory(projectDocker.docker, target.project),
      bootstrapPlan(this.options.bootstrap),
    ]);
    return buildPlan({
      project: target.project,
      composeFile: target.composePath,
      declaredServices: declared.map((d) => d.name),
      selfService: settings.selfService,
      selfIds,
      ...inventory,
      bootstrap,
    });
  }

  /** Starts a reset after checking the typed confirmation; resumes the last run when it failed (unless fromScratch). */
  start(confirm: unknown, fromScratch = false): StartResetResponse {
    if (confirm !== this.project) {
      throw new AppError(
        400,
        'CONFIRMATION_MISMATCH',
        `Type the project name "${this.project}" exactly to confirm the reset (got ${JSON.stringify(confirm ?? null)}); nothing was changed`,
        { expected: { confirm: this.project } },
      );
    }
    const previous = this.store.latest()?.report;
    const resume = previous?.status === 'failed' && !fromScratch ? { from: previous.operationId, skip: stepsDoneBefore(previous) } : null;
    const operationId = `reset-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
    const run = new ResetRun(operationId, this.project, resume);
    this.store.add(run, {
      key: 'reset',
      conflict: (running) =>
        new AppError(409, 'RESET_RUNNING', `A reset of "${this.project}" is already running (${running.id}); follow it instead`, {
          operationId: running.id,
        }),
    });
    void this.execute(run).catch((error: unknown) => {
      this.options.log?.error({ err: error }, 'reset crashed');
      if (!run.done) run.finish({ status: 'failed' });
    });
    return { operationId, resumedFrom: resume?.from ?? null };
  }

  /** The live operation, to stream its steps. */
  operation(operationId: string): ResetRun | null {
    return this.store.get(operationId) ?? null;
  }

  latest(): ResetReport | null {
    return this.store.latest()?.snapshot() ?? null;
  }

  /** Resolves when the running reset (if any) has finished. */
  async idle(): Promise<void> {
    await this.store.runningFor('reset')?.finished;
  }

  private async execute(run: ResetRun): Promise<void> {
    let plan: ResetPlan | null = null;
    const steps: PlannedStep<ResetStep>[] = [
      { key: 'inventory', run: async () => ({ detail: planSummary((plan = await this.inventory(run))) }) },
      { key: 'remove-containers', run: async () => ({ detail: await this.removeContainers(run, plan!) }) },
      { key: 'remove-volumes', run: async () => ({ detail: await this.removeVolumes(run, plan!) }) },
      { key: 'start', run: async () => ({ detail: await this.bringBack(run, plan!) }) },
      { key: 'healthy', run: async () => ({ detail: await this.waitHealthy(run, plan!) }) },
      { key: 'bootstrap-sql', run: async () => ({ detail: await applySqlFiles(this.bootstrapContext(run, 'bootstrap-sql')) }) },
      {
        key: 'bootstrap-schemas',
        run: async () => ({ detail: await registerSchemaFiles(this.bootstrapContext(run, 'bootstrap-schemas')) }),
      },
      {
        key: 'bootstrap-connectors',
        run: async () => ({ detail: await deployConnectorFiles(this.bootstrapContext(run, 'bootstrap-connectors')) }),
      },
    ];
    await runSteps(run, steps, {
      skip: (id) => run.isSkipped(id as ResetStepId),
      begin: () => ({ durationMs: 0, detail: 'Working…' }),
      fail: (id, error) => run.failure(id as ResetStepId, toFailure(error, id.startsWith('bootstrap') ? 'bootstrap' : 'Docker Engine')),
    });

    run.begin('report', { durationMs: 0, detail: 'Summarising' });
    const { report } = run;
    const left = report.left.filter((title) => title !== 'Report');
    const failed = report.steps.find((s) => s.status === 'failed');
    run.succeed(
      'report',
      failed
        ? `Stopped at "${failed.title}" (${report.failure?.service}). Left: ${left.join(', ')}. Fix: ${report.failure?.fix ?? ''}`
        : `Reset of "${report.project}" complete${report.resumedFrom ? ` (finished the job of ${report.resumedFrom})` : ''}: every step done`,
    );
    run.finish();
  }

  private async inventory(run: ResetRun): Promise<ResetPlan> {
    const plan = await this.plan();
    for (const c of plan.containers)
      run.progress('inventory', {
        item: { name: c.name, outcome: 'found', message: `container of ${c.service} (${c.state}); will be removed` },
      });
    for (const v of plan.volumes)
      run.progress('inventory', {
        item: {
          name: v.name,
          outcome: 'found',
          message: `volume; will be removed${v.usedBy.length ? ` (mounted by ${v.usedBy.join(', ')})` : ''}`,
        },
      });
    for (const e of plan.excluded)
      run.progress('inventory', { item: { name: e.name, outcome: 'kept', message: `${e.kind}: ${e.reason}` } });
    return plan;
  }

  private async removeContainers(run: ResetRun, plan: ResetPlan): Promise<string> {
    if (plan.containers.length === 0) return 'No project containers to remove (already removed)';
    const services = [...new Set(plan.containers.map((c) => c.service))];
    const args = ['rm', '--stop', '--force', '--volumes', ...services];
    run.progress('remove-containers', { detail: `docker compose rm --stop --force --volumes ${services.join(' ')}` });
    const result = await runComposeStreaming(
      this.options.target,
      args,
      (line) => run.progress('remove-containers', { line }),
      this.options.settings.upTimeoutMs,
    );
    if (result.code !== 0) throw this.composeFailure(args, result);
    // Confirm each inventoried container is gone; one the CLI left behind is removed by its exact id.
    const docker = this.options.projectDocker.docker;
    for (const c of plan.containers) {
      try {
        await withTimeout(docker.getContainer(c.id).remove({ force: true, v: true }), 30_000, 'remove container');
        run.progress('remove-containers', { item: { name: c.name, outcome: 'removed', message: 'removed by id (the CLI had left it)' } });
      } catch (error) {
        if ((error as { statusCode?: number }).statusCode !== 404) throw toDockerError(error, `remove container ${c.name}`);
        run.progress('remove-containers', { item: { name: c.name, outcome: 'removed', message: `stopped and removed (${c.service})` } });
      }
    }
    return `Removed ${plan.containers.length} container(s) of ${services.join(', ')}`;
  }

  private async removeVolumes(run: ResetRun, plan: ResetPlan): Promise<string> {
    const docker = this.options.projectDocker.docker;
    let removed = 0;
    for (const v of plan.volumes) {
      const volume = docker.getVolume(v.name);
      try {
        const info = await withTimeout(volume.inspect(), 10_000, 'inspect volume');
        // Re-checked at the moment of removal: only a volume that still carries this project's label goes.
        if (info.Labels?.[PROJECT_LABEL] !== this.project) {
          run.progress('remove-volumes', {
            item: { name: v.name, outcome: 'kept', message: 'no longer labelled with this project; not touched' },
          });
          continue;
        }
        await withTimeout(volume.remove(), 30_000, 'remove volume');
        removed++;
        run.progress('remove-volumes', { item: { name: v.name, outcome: 'removed', message: 'removed' } });
      } catch (error) {
        const status = (error as { statusCode?: number }).statusCode;
        if (status === 404) {
          run.progress('remove-volumes', { item: { name: v.name, outcome: 'already-gone', message: 'already removed' } });
          continue;
        }
        if (status === 409) {
          throw new StepFailure(
            'Docker Engine',
            `Volume ${v.name} is still in use: ${(error as { json?: { message?: string } }).json?.message ?? (error as Error).message}`,
            `Find the container with \`docker ps -a --filter volume=${v.name}\` and remove it if it belongs to this project; ${RUN_AGAIN}`,
          );
        }
        throw toDockerError(error, `remove volume ${v.name}`);
      }
    }
    const kept = plan.excluded.filter((e) => e.kind === 'volume').length;
    return plan.volumes.length === 0 && kept === 0
      ? 'The project has no named volumes'
      : `Removed ${removed} volume(s)${kept ? `; kept ${kept} (see inventory)` : ''}`;
  }

  private async bringBack(run: ResetRun, plan: ResetPlan): Promise<string> {
    if (plan.services.length === 0) return 'No services to bring back';
    const args = ['up', '--detach', '--wait', ...plan.services];
    run.progress('start', { detail: `docker compose up -d --wait ${plan.services.join(' ')}` });
    const result = await runComposeStreaming(
      this.options.target,
      args,
      (line) => run.progress('start', { line }),
      this.options.settings.upTimeoutMs,
    );
    if (result.code !== 0) throw this.composeFailure(args, result, plan.services);
    return `docker compose up -d --wait brought back ${plan.services.join(', ')}`;
  }

  private async waitHealthy(run: ResetRun, plan: ResetPlan): Promise<string> {
    const wanted = new Set(plan.services);
    const declared = (await this.options.declared()).filter((d) => wanted.has(d.name));
    const deadline = Date.now() + this.options.settings.healthyTimeoutMs;
    for (;;) {
      const statuses = await this.options.projectDocker.serviceStatuses(declared);
      const bad = statuses.filter(
        (s) => wanted.has(s.service) && !(s.state === 'running' && (s.health === 'healthy' || s.health === 'none')),
      );
      if (bad.length === 0) {
        for (const s of statuses.filter((x) => wanted.has(x.service))) {
          run.progress('healthy', {
            item: {
              name: s.service,
              outcome: 'healthy',
              message: s.health === 'healthy' ? 'running, healthy' : 'running (no healthcheck)',
            },
          });
        }
        return `${declared.length} service(s) running${declared.some((d) => d.hasHealthcheck) ? ' and healthy' : ''}`;
      }
      run.progress('healthy', { detail: `Waiting for ${bad.map((s) => `${s.service} (${s.state}/${s.health})`).join(', ')}` });
      if (Date.now() >= deadline) {
        const first = bad[0]!;
        throw new StepFailure(
          first.service,
          `${bad.map((s) => `${s.service} is ${s.state}${s.health !== 'none' ? `/${s.health}` : ''}`).join(', ')} after ${Math.round(this.options.settings.healthyTimeoutMs / 1000)} s`,
          `Check \`docker compose logs ${first.service}\` and fix the cause; ${RUN_AGAIN}`,
        );
      }
      await new Promise((r) => setTimeout(r, HEALTH_POLL_MS));
    }
  }

  private bootstrapContext(run: ResetRun, id: ResetStepId): BootstrapContext {
    return {
      targets: this.options.bootstrap,
      waitMs: this.options.settings.bootstrapWaitMs,
      item: (item) => run.progress(id, { item }),
      detail: (text) => run.progress(id, { detail: text }),
    };
  }

  /** A failed Compose command: the service it names (when it does), its last output, and the command to run by hand. */
  private composeFailure(
    args: string[],
    result: { code: number | null; error: string | null; lines: string[] },
    services: string[] = [],
  ): StepFailure {
    const tail = result.lines.slice(-3).join(' | ');
    const named = services.find((s) => result.lines.some((l) => l.includes(`-${s}-`) && /unhealthy|exited|error|failed/i.test(l)));
    const command = [
      'docker',
      ...composeArgv(this.options.target, args).filter((a) => a !== '--ansi' && a !== 'never' && a !== '--progress' && a !== 'plain'),
    ].join(' ');
    return new StepFailure(
      named ?? 'Docker Compose',
      `docker compose ${args[0]} failed (${result.error ?? `exit code ${result.code}`})${tail ? `: ${tail}` : ''}`,
      `${named ? `Check \`docker compose logs ${named}\`; or run` : 'Run'} \`${command}\` to see the full error, fix it; ${RUN_AGAIN}`,
    );
  }
}

function planSummary(plan: ResetPlan): string {
  const kept = plan.excluded.length;
  return `${plan.containers.length} container(s) and ${plan.volumes.length} volume(s) to remove${kept ? `, ${kept} kept` : ''}; ${plan.services.length} service(s) to bring back`;
}
