/** Shapes of the stack screen's API: declared services, their containers, health and probes. */

export type ContainerState = 'not-created' | 'created' | 'running' | 'restarting' | 'paused' | 'exited' | 'dead' | 'removing';
export type Health = 'starting' | 'healthy' | 'unhealthy' | 'none';

export interface PublishedPort {
  hostIp: string;
  hostPort: number;
  containerPort: number;
  protocol: 'tcp' | 'udp';
}

/** One declared compose service and, when it exists, its container. */
export interface ServiceStatus {
  service: string;
  declared: boolean;
  hasHealthcheck: boolean;
  containerId: string | null;
  containerName: string | null;
  image: string | null;
  state: ContainerState;
  health: Health;
  restartCount: number;
  startedAt: string | null;
  healthySince: string | null;
  /** Milliseconds from container start to first healthy, when observed. */
  timeToHealthyMs: number | null;
  ports: PublishedPort[];
}

export type DependencyCondition = 'service_started' | 'service_healthy' | 'service_completed_successfully';

export interface DependencyEdge {
  from: string; // the dependent service
  to: string; // the service it waits for
  condition: DependencyCondition;
}

export type GraphProblem =
  | { kind: 'cycle'; services: string[] }
  | { kind: 'unknown-dependency'; service: string; dependsOn: string }
  | { kind: 'healthy-condition-without-healthcheck'; service: string; dependsOn: string };

export interface OrderingGraph {
  services: string[];
  edges: DependencyEdge[];
  /** Start-up waves: every service in wave N waits only for services in earlier waves. Empty when there is a cycle. */
  waves: string[][];
  problems: GraphProblem[];
}

export type ProbeTarget = 'kafka' | 'schema-registry' | 'connect' | 'clickhouse';

export type ProbeResult =
  | { target: ProbeTarget; ok: true; checkedAt: string; latencyMs: number; facts: Record<string, string | number | boolean | string[]> }
  | { target: ProbeTarget; ok: false; checkedAt: string; latencyMs: number; reason: string; hint: string };

export type OverallHealth = 'healthy' | 'starting' | 'degraded' | 'down' | 'unknown';

export interface StackSnapshot {
  project: string;
  composeFile: string;
  dockerReachable: boolean;
  dockerError: string | null;
  /** Why docker-compose.yml could not be read or parsed (then `graph` is empty); null when it is fine. */
  composeError: string | null;
  /**
   * Who read the compose file: `compose-cli` (`docker compose config`, so profiles, extends and include are Compose's
   * own), `panel-parser` (no Compose CLI found: the panel's fallback parser), null when it could not be read.
   */
  composeSource: 'compose-cli' | 'panel-parser' | null;
  overall: OverallHealth;
  services: ServiceStatus[];
  graph: OrderingGraph;
  generatedAt: string;
}

/** Sent over `GET /api/stack/events` (SSE). */
export type StackEvent =
  { type: 'snapshot'; snapshot: StackSnapshot } | { type: 'docker-disconnected'; error: string } | { type: 'heartbeat'; at: string };

export type ServiceAction = 'start' | 'stop' | 'restart';

export interface ServiceActionResult {
  service: string;
  action: ServiceAction;
  changed: boolean;
  message: string;
}

/** `GET /api/config`: what the UI needs to know before its first call. */
export interface PanelConfigResponse {
  project: string;
  composeFile: string;
  tokenRequired: boolean;
}

/**
 * Events of `GET /api/services/:service/logs` (SSE): `log` carries a LogLine; `end` (data `{}`) says the stream is
 * over (tail done or container stopped) so the client should close its EventSource instead of reconnecting;
 * `log-error` carries an ApiErrorBody when the stream fails after it started.
 */
export type LogStreamEventName = 'log' | 'end' | 'log-error';

/** One log line of a service, sent over `GET /api/services/:service/logs` (SSE, event `log`). */
export interface LogLine {
  stream: 'stdout' | 'stderr';
  /** RFC 3339 timestamp from Docker, when present. */
  ts: string | null;
  line: string;
}
