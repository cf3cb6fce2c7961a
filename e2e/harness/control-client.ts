import type { ClusterControl } from './cluster.ts';
import type { HarnessControl } from './index.ts';
import type { HarnessEnv } from './state.ts';

const post = (env: Pick<HarnessEnv, 'control'>, path: string) => async () => {
  const res = await fetch(`${env.control.url}${path}`, { method: 'POST', signal: AbortSignal.timeout(300_000) });
  if (!res.ok) throw new Error(`harness control ${path}: ${res.status} ${await res.text()}`);
};

/** The fault-injection control of a harness running in another process (`cli.ts up`), over its HTTP endpoint. */
export function remoteControl(env: Pick<HarnessEnv, 'control'>): HarnessControl {
  return {
    clickhouseStop: post(env, '/clickhouse/stop'),
    clickhouseStart: post(env, '/clickhouse/start'),
    connectKill: post(env, '/connect/kill'),
    connectStart: post(env, '/connect/start'),
  };
}

/** The same for the cluster harness (`cli.ts up --cluster`): also one broker or one Connect worker at a time. */
export function remoteClusterControl(env: Pick<HarnessEnv, 'control'>): ClusterControl {
  return {
    ...remoteControl(env),
    brokerStop: (nodeId) => post(env, `/kafka/brokers/${nodeId}/stop`)(),
    brokerStart: (nodeId) => post(env, `/kafka/brokers/${nodeId}/start`)(),
    connectWorkerKill: (index) => post(env, `/connect/workers/${index}/kill`)(),
    connectWorkerStart: (index) => post(env, `/connect/workers/${index}/start`)(),
  };
}
