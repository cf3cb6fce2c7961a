import type { OrderingGraph, ServiceStatus, StackSnapshot } from '@pipeline-panel/server/contracts';

export function serviceStatus(service: string, overrides: Partial<ServiceStatus> = {}): ServiceStatus {
  return {
    service,
    declared: true,
    hasHealthcheck: true,
    containerId: `id-${service}`,
    containerName: `demo-${service}-1`,
    image: 'demo/busybox:local',
    state: 'running',
    health: 'healthy',
    restartCount: 0,
    startedAt: '2025-01-01T00:00:00Z',
    healthySince: '2025-01-01T00:00:03Z',
    timeToHealthyMs: 3000,
    ports: [],
    ...overrides,
  };
}

export function snapshotOf(services: ServiceStatus[], graph: Partial<OrderingGraph> = {}): StackSnapshot {
  return {
    project: 'demo',
    composeFile: '/repo/docker-compose.yml',
    dockerReachable: true,
    dockerError: null,
    composeError: null,
    composeSource: 'compose-cli',
    overall: 'healthy',
    services,
    graph: { services: services.map((s) => s.service), edges: [], waves: [services.map((s) => s.service)], problems: [], ...graph },
    generatedAt: '2025-01-01T00:00:10Z',
  };
}
