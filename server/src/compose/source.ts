import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppError } from '../errors/app-error.ts';
import { dockerComposeCli, modelFromConfig, type ComposeConfigCli } from './cli-model.ts';
import { loadComposeProject } from './load.ts';
import type { ComposeModel } from './model.ts';

export type ComposeLoad = { ok: true; model: ComposeModel } | { ok: false; error: AppError };

export interface ComposeSourceOptions {
  /** Interpolation environment besides `.env` (default: the panel's own environment). */
  processEnv?: Record<string, string | undefined>;
  /** The Compose CLI to ask; null never asks it (the panel's parser only). Default: `docker compose` on PATH. */
  cli?: ComposeConfigCli | null;
  log?: { warn(obj: unknown, msg?: string): void };
}

/**
 * The project's compose model. Where the Compose v2 CLI exists it is Compose's own resolution
 * (`docker compose config --format json`), so profiles, `extends` and `include` mean exactly what they mean to
 * Compose; without a CLI the panel's parser (loadComposeProject) stands in. Re-read only when one of the files
 * that went into it (the compose files, `.env`, env files) changed on disk; concurrent callers share one read.
 */
export class ComposeSource {
  private cached: { stamp: string; files: string[]; load: ComposeLoad } | null = null;
  private pending: Promise<ComposeLoad> | null = null;
  private readonly processEnv: Record<string, string | undefined>;
  private readonly cli: ComposeConfigCli | null;
  private warnedFallback = false;

  constructor(
    readonly composePath: string,
    readonly projectDir: string = dirname(composePath),
    private readonly options: ComposeSourceOptions = {},
  ) {
    this.processEnv = options.processEnv ?? process.env;
    this.cli = options.cli === undefined ? dockerComposeCli() : options.cli;
  }

  async load(): Promise<ComposeLoad> {
    if (this.cached && stampOf(this.cached.files) === this.cached.stamp) return this.cached.load;
    this.pending ??= this.read().finally(() => (this.pending = null));
    return this.pending;
  }

  /** The model, or the load error thrown (for callers that cannot work without it). */
  async model(): Promise<ComposeModel> {
    const load = await this.load();
    if (!load.ok) throw load.error;
    return load.model;
  }

  private async read(): Promise<ComposeLoad> {
    // The parser also lists the files the project is made of; that list is what change detection watches.
    let files = [this.composePath, join(this.projectDir, '.env')];
    let parsed: ComposeLoad;
    try {
      const project = loadComposeProject(this.composePath, this.projectDir, this.processEnv);
      files = project.files;
      parsed = { ok: true, model: project.model };
    } catch (error) {
      parsed = { ok: false, error: asAppError(error) };
    }
    const stamp = stampOf(files);
    let load = parsed;
    if (this.cli && (await this.cli.version()) !== null) {
      try {
        const model = modelFromConfig(await this.cli.config(this.composePath, this.projectDir, this.processEnv), this.composePath);
        load = { ok: true, model: parsed.ok ? inFileOrder(model, parsed.model) : model };
      } catch (error) {
        load = { ok: false, error: asAppError(error) };
      }
    } else if (!this.warnedFallback) {
      this.warnedFallback = true;
      this.options.log?.warn(
        { composeFile: this.composePath },
        'no Compose v2 CLI (`docker compose`) found: the panel reads the compose file with its own parser',
      );
    }
    this.cached = { stamp, files, load };
    return load;
  }
}

/** Compose prints services sorted by name; the panel lists them as the file declares them (unknown ones last). */
function inFileOrder(model: ComposeModel, parsed: ComposeModel): ComposeModel {
  const rank = new Map(parsed.services.map((s, i) => [s.name, i]));
  const at = (name: string) => rank.get(name) ?? Number.MAX_SAFE_INTEGER;
  return { ...model, services: [...model.services].sort((a, b) => at(a.name) - at(b.name) || a.name.localeCompare(b.name)) };
}

function stampOf(files: string[]): string {
  return files.map((f) => `${f}@${mtime(f)}`).join('|');
}

function mtime(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return -1;
  }
}

function asAppError(error: unknown): AppError {
  return error instanceof AppError ? error : new AppError(400, 'COMPOSE_INVALID', String((error as Error)?.message ?? error));
}
