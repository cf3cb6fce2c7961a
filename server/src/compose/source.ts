import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppError } from '../errors/app-error.ts';
import { loadComposeFile, readDotEnv } from './load.ts';
import type { ComposeModel } from './parse.ts';

export type ComposeLoad = { ok: true; model: ComposeModel } | { ok: false; error: AppError };

/** The project's compose file, re-read only when it (or .env) changed on disk. */
export class ComposeSource {
  private cached: { stamp: string; load: ComposeLoad } | null = null;

  constructor(
    readonly composePath: string,
    readonly projectDir: string = dirname(composePath),
    private readonly processEnv: Record<string, string | undefined> = process.env,
  ) {}

  load(): ComposeLoad {
    const stamp = `${mtime(this.composePath)}|${mtime(`${this.projectDir}/.env`)}`;
    if (this.cached?.stamp === stamp) return this.cached.load;
    let load: ComposeLoad;
    try {
      load = { ok: true, model: loadComposeFile(this.composePath, readDotEnv(this.projectDir), this.processEnv) };
    } catch (error) {
      load = { ok: false, error: error instanceof AppError ? error : new AppError(400, 'COMPOSE_INVALID', String(error)) };
    }
    this.cached = { stamp, load };
    return load;
  }

  /** The model, or the load error thrown (for routes that cannot work without it). */
  model(): ComposeModel {
    const load = this.load();
    if (!load.ok) throw load.error;
    return load.model;
  }
}

function mtime(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return -1;
  }
}
