import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../errors/app-error.ts';
import { parseEnvFile } from './env-file.ts';
import { parseCompose, type ComposeModel } from './parse.ts';

/** Reads `.env` of a project directory ({} when absent). */
export function readDotEnv(projectDir: string, file = '.env'): Record<string, string> {
  const path = join(projectDir, file);
  return existsSync(path) ? parseEnvFile(readFileSync(path, 'utf8')) : {};
}

/** Reads and parses the compose file; process env wins over `.env`, as in Compose. */
export function loadComposeFile(
  composePath: string,
  dotEnv: Record<string, string>,
  processEnv: Record<string, string | undefined> = process.env,
): ComposeModel {
  if (!existsSync(composePath)) {
    throw new AppError(404, 'COMPOSE_FILE_MISSING', `Compose file not found: ${composePath}`, { composePath });
  }
  return parseCompose(readFileSync(composePath, 'utf8'), { ...dotEnv, ...processEnv });
}
