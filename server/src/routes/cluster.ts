import { BrokersResponse, ConnectWorkersResponse, ReplicasResponse } from '../contracts/cluster.ts';
import { ErrorResponses } from '../contracts/common.ts';
import type { PanelApp } from '../http/panel-app.ts';
import type { ClusterService } from '../services/cluster.ts';

const tags = ['cluster'];

/** The multi-node views: brokers and partition health, Connect workers and task placement, ClickHouse replicas. */
export function clusterRoutes(app: PanelApp, cluster: ClusterService): void {
  app.get(
    '/api/kafka/brokers',
    {
      schema: {
        tags,
        summary: 'Brokers (racks, partitions led) and under-replicated / offline partitions',
        response: { 200: BrokersResponse, ...ErrorResponses },
      },
    },
    () => cluster.brokers(),
  );

  app.get(
    '/api/connect/workers',
    {
      schema: {
        tags,
        summary: 'Connect workers and the worker each connector and task runs on (moved ones marked)',
        response: { 200: ConnectWorkersResponse, ...ErrorResponses },
      },
    },
    () => cluster.connectWorkers(),
  );

  app.get(
    '/api/clickhouse/replicas',
    {
      schema: {
        tags,
        summary: 'Replicas of Replicated tables, their replication queue and delay (none on a server without them)',
        response: { 200: ReplicasResponse, ...ErrorResponses },
      },
    },
    () => cluster.replicas(),
  );
}
