import { AppError } from '../errors/app-error.ts';

export interface ResetSettings {
  /** The panel's own compose service, never stopped or removed by a reset (PANEL_SELF_SERVICE, default "panel"). */
  selfService: string;
  /** Limit for `docker compose up -d --wait` (PANEL_RESET_UP_TIMEOUT_MS). */
  upTimeoutMs: number;
  /** Limit for the health check after `up` (PANEL_RESET_HEALTHY_TIMEOUT_MS). */
  healthyTimeoutMs: number;
  /** How long a bootstrap call waits for a service that does not answer yet (PANEL_RESET_BOOTSTRAP_WAIT_MS). */
  bootstrapWaitMs: number;
}

type Env = Record<string, string | undefined>;

function ms(env: Env, name: string, fallback: number, problems: string[]): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 3_600_000)
    problems.push(`${name}: "${raw}" must be an integer from 0 to 3600000 (milliseconds)`);
  return Number.isInteger(n) && n >= 0 && n <= 3_600_000 ? n : fallback;
}

export function readResetSettings(env: Env = process.env): ResetSettings {
  const problems: string[] = [];
  const selfService = env.PANEL_SELF_SERVICE?.trim() || 'panel';
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(selfService))
    problems.push(`PANEL_SELF_SERVICE: "${selfService}" is not a compose service name`);
  const settings = {
    selfService,
    upTimeoutMs: ms(env, 'PANEL_RESET_UP_TIMEOUT_MS', 600_000, problems),
    healthyTimeoutMs: ms(env, 'PANEL_RESET_HEALTHY_TIMEOUT_MS', 120_000, problems),
    bootstrapWaitMs: ms(env, 'PANEL_RESET_BOOTSTRAP_WAIT_MS', 60_000, problems),
  };
  if (problems.length > 0)
    throw new AppError(500, 'CONFIG_INVALID', `Invalid panel configuration:\n- ${problems.join('\n- ')}`, { problems });
  return settings;
}
