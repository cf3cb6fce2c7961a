import { basename } from 'node:path';

/** Compose's normalisation of a project name: lower case, only [a-z0-9_-], no leading '_' or '-'. */
export function normalizeProjectName(name: string): string {
  return (name.toLowerCase().match(/[a-z0-9_-]/g) ?? []).join('').replace(/^[_-]+/, '');
}

/**
 * The project name Compose would use: COMPOSE_PROJECT_NAME (process env, then `.env`),
 * then the compose file's top-level `name:`, then the project directory's name.
 */
export function resolveProjectName(input: {
  processEnv: Record<string, string | undefined>;
  dotEnv: Record<string, string>;
  composeName: string | null;
  projectDir: string;
}): string {
  const fromEnv = input.processEnv.COMPOSE_PROJECT_NAME || input.dotEnv.COMPOSE_PROJECT_NAME;
  return normalizeProjectName(fromEnv || input.composeName || basename(input.projectDir));
}
