import type { ClusterControl } from './cluster.ts';

/**
 * The cluster harness's control routes: POST /kafka/brokers/<nodeId>/stop|start and /connect/workers/<n>/kill|start
 * (n 1-based). undefined when `url` is none of them.
 */
export function clusterControlAction(control: ClusterControl, url: string): (() => Promise<void>) | undefined {
  const broker = /^\/kafka\/brokers\/(\d+)\/(stop|start)$/.exec(url);
  if (broker) {
    const nodeId = Number(broker[1]);
    return broker[2] === 'stop' ? () => control.brokerStop(nodeId) : () => control.brokerStart(nodeId);
  }
  const worker = /^\/connect\/workers\/(\d+)\/(kill|start)$/.exec(url);
  if (worker) {
    const index = Number(worker[1]);
    return worker[2] === 'kill' ? () => control.connectWorkerKill(index) : () => control.connectWorkerStart(index);
  }
  return undefined;
}
