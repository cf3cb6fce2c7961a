/** Shapes of the connectors screen's API (Kafka Connect REST + consumer-group lag from Kafka). */
import { Type, type Static } from 'typebox';
import { Closed, FetchedAt, Nullable, StringEnum } from './common.ts';
import { ConnectorName, RepoFileName } from './names.ts';

/** RUNNING, PAUSED, FAILED, UNASSIGNED, RESTARTING or STOPPED, as Connect reports it. */
export const ConnectorState = Type.String();
export type ConnectorState = Static<typeof ConnectorState>;

export const ConnectorTask = Type.Object({
  id: Type.Integer(),
  state: ConnectorState,
  workerId: Type.String(),
  /** Java stack trace of a FAILED task, as Connect reports it. */
  trace: Type.Optional(Type.String()),
});
export type ConnectorTask = Static<typeof ConnectorTask>;

export const ConnectorLag = Type.Object({
  /** Sum of (end offset − committed offset) over the group's partitions. */
  totalLag: Type.Number(),
  partitions: Type.Integer(),
});
export type ConnectorLag = Static<typeof ConnectorLag>;

const summaryFields = {
  name: Type.String(),
  /** sink or source. */
  type: Type.String(),
  connectorClass: Type.String(),
  state: ConnectorState,
  workerId: Type.String(),
  /** Connector-level failure trace, when the connector itself is FAILED. */
  trace: Type.Optional(Type.String()),
  tasks: Type.Array(ConnectorTask),
  /** Topics from the config (`topics`, split on commas); empty for sources or `topics.regex`. */
  topics: Type.Array(Type.String()),
  /** The sink's consumer group (`connect-<name>`); null for source connectors. */
  consumerGroup: Nullable(Type.String()),
  /** Lag of the consumer group; null for sources or when Kafka could not be asked (see lagError). */
  lag: Nullable(ConnectorLag),
  lagError: Type.Optional(Type.String()),
};

/** `GET /api/connectors` → `{ connectors }`, FAILED connectors (or with a FAILED task) first, then by name. */
export const ConnectorSummary = Type.Object(summaryFields);
export type ConnectorSummary = Static<typeof ConnectorSummary>;

export const ConnectorListResponse = Type.Object({ connectors: Type.Array(ConnectorSummary), fetchedAt: FetchedAt });
export type ConnectorListResponse = Static<typeof ConnectorListResponse>;

export const ConnectorParams = Closed({ name: ConnectorName });

/** `GET /api/connectors/:name`. */
export const ConnectorDetail = Type.Object({ ...summaryFields, config: Type.Record(Type.String(), Type.String()) });
export type ConnectorDetail = Static<typeof ConnectorDetail>;

/** One key that differs between a file in connectors/ and the deployed config (null = absent on that side). */
export const ConfigDiffEntry = Type.Object({
  key: Type.String(),
  file: Nullable(Type.String()),
  deployed: Nullable(Type.String()),
});
export type ConfigDiffEntry = Static<typeof ConfigDiffEntry>;

export const ConnectorFileParams = Closed({ file: RepoFileName('.json') });

/** `GET /api/connector-files` → `{ files }`. */
export const ConnectorFile = Type.Object({
  /** File name inside connectors/, e.g. `orders-clickhouse-sink.json`. */
  file: Type.String(),
  name: Type.String(),
  connectorClass: Type.String(),
  deployed: Type.Boolean(),
  /** Empty when deployed and identical, or every key of the file when not deployed. */
  diff: Type.Array(ConfigDiffEntry),
  /** Set when the file cannot be read as `{ name, config }`; then name/connectorClass are '' and diff is empty. */
  error: Type.Optional(Type.String()),
});
export type ConnectorFile = Static<typeof ConnectorFile>;

export const ConnectorFileListResponse = Type.Object({ files: Type.Array(ConnectorFile) });
export type ConnectorFileListResponse = Static<typeof ConnectorFileListResponse>;

export const PreflightCheckId = StringEnum([
  'plugin-installed',
  'table-exists',
  'converter-set',
  'registry-url-set',
  'keys-valid',
] as const);
export type PreflightCheckId = Static<typeof PreflightCheckId>;

export const PreflightCheck = Type.Object({ id: PreflightCheckId, ok: Type.Boolean(), message: Type.String() });
export type PreflightCheck = Static<typeof PreflightCheck>;

/** `POST /api/connector-files/:file/preflight`. Only ClickHouse sink configs get the table/converter/key checks. */
export const Preflight = Type.Object({ ok: Type.Boolean(), checks: Type.Array(PreflightCheck) });
export type Preflight = Static<typeof Preflight>;

/** `POST /api/connector-files/:file/deploy`. 422 PREFLIGHT_FAILED carries `details: Preflight`. */
export const DeployResult = Type.Object({
  name: Type.String(),
  created: Type.Boolean(),
  changed: Type.Boolean(),
  diff: Type.Array(ConfigDiffEntry),
  preflight: Preflight,
});
export type DeployResult = Static<typeof DeployResult>;

export const ConnectorAction = StringEnum(['pause', 'resume', 'restart'] as const);
export type ConnectorAction = Static<typeof ConnectorAction>;

export const ConnectorActionParams = Closed({ name: ConnectorName, action: ConnectorAction });

/** `POST /api/connectors/:name/pause|resume|restart`. */
export const ConnectorActionResult = Type.Object({
  name: Type.String(),
  action: ConnectorAction,
  changed: Type.Boolean(),
  message: Type.String(),
});
export type ConnectorActionResult = Static<typeof ConnectorActionResult>;

/** Body of `DELETE /api/connectors/:name`: `confirm` must be the connector's name. */
export const DeleteConnectorInput = Closed({ confirm: Type.String({ maxLength: 249, 'x-error-code': 'CONFIRMATION_REQUIRED' }) });
export type DeleteConnectorInput = Static<typeof DeleteConnectorInput>;

export const DeleteConnectorResult = Type.Object({ name: Type.String(), deleted: Type.Literal(true) });
export type DeleteConnectorResult = Static<typeof DeleteConnectorResult>;
