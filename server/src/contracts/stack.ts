/** Shapes of the stack screen's API: declared services, their containers, health and probes. */
import { Type, type Static } from 'typebox';
import { Closed, Nullable, StringEnum } from './common.ts';
import { ServiceName } from './names.ts';

export const ContainerState = StringEnum([
  'not-created',
  'created',
  'running',
  'restarting',
  'paused',
  'exited',
  'dead',
  'removing',
] as const);
export type ContainerState = Static<typeof ContainerState>;
export const Health = StringEnum(['starting', 'healthy', 'unhealthy', 'none'] as const);
export type Health = Static<typeof Health>;

export const PublishedPort = Type.Object({
  hostIp: Type.String(),
  hostPort: Type.Integer(),
  containerPort: Type.Integer(),
  protocol: StringEnum(['tcp', 'udp'] as const),
});
export type PublishedPort = Static<typeof PublishedPort>;

/** One declared compose service and, when it exists, its container. */
export const ServiceStatus = Type.Object({
  service: Type.String(),
  declared: Type.Boolean(),
  hasHealthcheck: Type.Boolean(),
  containerId: Nullable(Type.String()),
  containerName: Nullable(Type.String()),
  image: Nullable(Type.String()),
  state: ContainerState,
  health: Health,
  restartCount: Type.Integer(),
  startedAt: Nullable(Type.String()),
  healthySince: Nullable(Type.String()),
  /** Milliseconds from container start to first healthy, when observed. */
  timeToHealthyMs: Nullable(Type.Number()),
  ports: Type.Array(PublishedPort),
  /**
   * A one-shot step that has done its work (exited 0, not restarted, awaited by another service with
   * service_completed_successfully): shown as "done", and not counted as down.
   */
  completed: Type.Optional(Type.Boolean()),
});
export type ServiceStatus = Static<typeof ServiceStatus>;

export const DependencyCondition = StringEnum(['service_started', 'service_healthy', 'service_completed_successfully'] as const);
export type DependencyCondition = Static<typeof DependencyCondition>;

export const DependencyEdge = Type.Object({
  /** The dependent service. */
  from: Type.String(),
  /** The service it waits for. */
  to: Type.String(),
  condition: DependencyCondition,
});
export type DependencyEdge = Static<typeof DependencyEdge>;

export const GraphProblem = Type.Union([
  Type.Object({ kind: Type.Literal('cycle'), services: Type.Array(Type.String()) }),
  Type.Object({ kind: Type.Literal('unknown-dependency'), service: Type.String(), dependsOn: Type.String() }),
  Type.Object({ kind: Type.Literal('healthy-condition-without-healthcheck'), service: Type.String(), dependsOn: Type.String() }),
]);
export type GraphProblem = Static<typeof GraphProblem>;

export const OrderingGraph = Type.Object({
  services: Type.Array(Type.String()),
  edges: Type.Array(DependencyEdge),
  /** Start-up waves: every service in wave N waits only for services in earlier waves. Empty when there is a cycle. */
  waves: Type.Array(Type.Array(Type.String())),
  problems: Type.Array(GraphProblem),
});
export type OrderingGraph = Static<typeof OrderingGraph>;

export const ProbeTarget = StringEnum(['kafka', 'schema-registry', 'connect', 'clickhouse'] as const);
export type ProbeTarget = Static<typeof ProbeTarget>;

const probeBase = { target: ProbeTarget, checkedAt: Type.String(), latencyMs: Type.Number() };
export const ProbeResult = Type.Union([
  Type.Object({
    ...probeBase,
    ok: Type.Literal(true),
    facts: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Array(Type.String())])),
  }),
  Type.Object({ ...probeBase, ok: Type.Literal(false), reason: Type.String(), hint: Type.String() }),
]);
export type ProbeResult = Static<typeof ProbeResult>;
export const ProbeResults = Type.Array(ProbeResult);

export const OverallHealth = StringEnum(['healthy', 'starting', 'degraded', 'down', 'unknown'] as const);
export type OverallHealth = Static<typeof OverallHealth>;

export const StackSnapshot = Type.Object({
  project: Type.String(),
  composeFile: Type.String(),
  dockerReachable: Type.Boolean(),
  dockerError: Nullable(Type.String()),
  /** Why docker-compose.yml could not be read or parsed (then `graph` is empty); null when it is fine. */
  composeError: Nullable(Type.String()),
  /**
   * Who read the compose file: `compose-cli` (`docker compose config`, so profiles, extends and include are Compose's
   * own), `panel-parser` (no Compose CLI found: the panel's fallback parser), null when it could not be read.
   */
  composeSource: Nullable(StringEnum(['compose-cli', 'panel-parser'] as const)),
  overall: OverallHealth,
  services: Type.Array(ServiceStatus),
  graph: OrderingGraph,
  generatedAt: Type.String(),
});
export type StackSnapshot = Static<typeof StackSnapshot>;

/** Sent over `GET /api/stack/events` (SSE). */
export const StackEvent = Type.Union(
  [
    Type.Object({ type: Type.Literal('snapshot'), snapshot: StackSnapshot }),
    Type.Object({ type: Type.Literal('docker-disconnected'), error: Type.String() }),
    Type.Object({ type: Type.Literal('heartbeat'), at: Type.String() }),
  ],
  { description: 'a StackEvent: {type: "snapshot", snapshot} | {type: "docker-disconnected", error} | {type: "heartbeat", at}' },
);
export type StackEvent = Static<typeof StackEvent>;

export const ServiceAction = StringEnum(['start', 'stop', 'restart'] as const);
export type ServiceAction = Static<typeof ServiceAction>;

export const ServiceActionParams = Closed({ service: ServiceName, action: ServiceAction });
/** Body of `POST /api/services/:service/stop`: `confirm` must be the service name (start/restart need no body). */
export const ServiceActionBody = Closed({
  confirm: Type.Optional(Type.String({ maxLength: 128, 'x-error-code': 'CONFIRMATION_REQUIRED' })),
});

export const ServiceActionResult = Type.Object({
  service: Type.String(),
  action: ServiceAction,
  changed: Type.Boolean(),
  message: Type.String(),
});
export type ServiceActionResult = Static<typeof ServiceActionResult>;

/** One service the panel reaches at its endpoint, and how it authenticates (no secret: settings and user names only). */
export const RemoteEndpoint = Type.Object({
  target: ProbeTarget,
  /** host:port list (Kafka) or base URL. */
  address: Type.String(),
  /** e.g. "SASL_SSL · SCRAM-SHA-512 · user panel · CA from PANEL_KAFKA_TLS_CA_FILE". */
  security: Type.String(),
});
export type RemoteEndpoint = Static<typeof RemoteEndpoint>;

/** Present when the panel runs without a compose project (PANEL_MODE=remote, or no compose file). */
export const RemoteModeInfo = Type.Object({
  reason: Type.String(),
  endpoints: Type.Array(RemoteEndpoint),
});
export type RemoteModeInfo = Static<typeof RemoteModeInfo>;

/** `GET /api/config`: what the UI needs to know before its first call. */
export const PanelConfigResponse = Type.Object({
  project: Type.String(),
  composeFile: Type.String(),
  tokenRequired: Type.Boolean(),
  remote: Type.Optional(RemoteModeInfo),
});
export type PanelConfigResponse = Static<typeof PanelConfigResponse>;

export const MAX_LOG_TAIL = 5000;
export const ServiceLogsParams = Closed({ service: ServiceName });
export const ServiceLogsQuery = Closed({
  /** Lines of history before following; default 200. */
  tail: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_LOG_TAIL, default: 200, 'x-error-code': 'INVALID_TAIL' })),
  /** Keep streaming new lines (default true). */
  follow: Type.Optional(Type.Boolean({ default: true })),
});

/**
 * Events of `GET /api/services/:service/logs` (SSE): `log` carries a LogLine; `end` (data `{}`) says the stream is
 * over (tail done or container stopped) so the client should close its EventSource instead of reconnecting;
 * `log-error` carries an ApiErrorBody when the stream fails after it started.
 */
export type LogStreamEventName = 'log' | 'end' | 'log-error';

/** One log line of a service, sent over `GET /api/services/:service/logs` (SSE, event `log`). */
export const LogLine = Type.Object(
  {
    stream: StringEnum(['stdout', 'stderr'] as const),
    /** RFC 3339 timestamp from Docker, when present. */
    ts: Nullable(Type.String()),
    line: Type.String(),
  },
  { description: 'a LogLine {stream, ts, line}' },
);
export type LogLine = Static<typeof LogLine>;
