import type { HarnessControl } from './index.ts';
import type { HarnessEnv } from './state.ts';

/** The fault-injection control of a harness running in another process (`cli.ts up`), over its HTTP endpoint. */
export function remoteControl(env: Pick<HarnessEnv, 'control'>): HarnessControl {
  const post = (path: string) => async () => {
    const res = await fetch(`${env.control.url}${path}`, { method: 'POST', signal: AbortSignal.timeout(300_000) });
    if (!res.ok) throw new Error(`harness control ${path}: ${res.status} ${await res.text()}`);
  };
  return {
    clickhouseStop: post('/clickhouse/stop'),
    clickhouseStart: post('/clickhouse/start'),
    connectKill: post('/connect/kill'),
    connectStart: post('/connect/start'),
  };
}
