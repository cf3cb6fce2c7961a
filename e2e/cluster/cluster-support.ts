/**
 * The cluster tier's suite: the running cluster harness (`tsx harness/cli.ts up --cluster`), else one started for
 * the file (~1–4 min on 2 cores), and the panel app with real clients on all three brokers and Connect worker 1.
 */
import { after, before } from 'node:test';
import { startClusterHarness, type ClusterControl } from '../harness/cluster.ts';
import { remoteClusterControl } from '../harness/control-client.ts';
import { liveClusterHarnessEnv, type ClusterEnv } from '../harness/state.ts';
import { closePort, pipelineApp, pipelinePort, removeProject, tempProject, type Suite } from '../integration/pipeline-support.ts';

export interface ClusterSuite extends Suite {
  cluster: ClusterEnv;
  control: ClusterControl;
  /** The harness's work dir (its data and logs). */
  workDir: string;
  /** Deletes `topic` after the file, so a harness kept running between runs does not pile up flagged partitions. */
  removeAfter(topic: string): void;
}

export function useClusterSuite(name: string): ClusterSuite {
  const suite = {} as ClusterSuite;
  let stopHarness = async () => {};
  const topics = new Set<string>();
  suite.removeAfter = (topic) => void topics.add(topic);
  before(
    async () => {
      const live = liveClusterHarnessEnv();
      if (live) {
        Object.assign(suite, { env: live, cluster: live.cluster, control: remoteClusterControl(live), workDir: live.workDir });
      } else {
        const harness = await startClusterHarness({ log: (line) => console.error(line) });
        Object.assign(suite, { env: harness, cluster: harness.cluster, control: harness.control, workDir: harness.workDir });
        stopHarness = () => harness.stop();
      }
      suite.projectDir = tempProject(name);
      suite.port = pipelinePort(suite.env, suite.projectDir);
      suite.app = await pipelineApp(suite.port, { wizard: { projectDir: suite.projectDir } });
      suite.inject = async (options) => suite.app.inject(options);
    },
    { timeout: 600_000 },
  );
  after(
    async () => {
      for (const topic of topics) {
        await suite.inject({ method: 'DELETE', url: `/api/topics/${topic}`, payload: { confirm: topic } }).catch(() => undefined);
      }
      await suite.app?.close();
      await closePort(suite.port);
      if (suite.projectDir) removeProject(suite.projectDir);
      await stopHarness();
    },
    { timeout: 120_000 },
  );
  return suite;
}

/** Calls `read` until `done` holds; past the deadline throws with `what` and the last value. */
export async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  let lastError = '';
  while (Date.now() < deadline) {
    try {
      last = await read();
      if (done(last)) return last;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`${what}: not after ${timeoutMs / 1000} s; last: ${JSON.stringify(last)?.slice(0, 2000)} ${lastError}`);
}
