/** Shapes of the connectors screen's API (Kafka Connect REST + consumer-group lag from Kafka). */

export type ConnectorState = 'RUNNING' | 'PAUSED' | 'FAILED' | 'UNASSIGNED' | 'RESTARTING' | 'STOPPED' | string;

export interface ConnectorTask {
  id: number;
  state: ConnectorState;
  workerId: string;
  /** Java stack trace of a FAILED task, as Connect reports it. */
  trace?: string;
}

export interface ConnectorLag {
  /** Sum of (end offset − committed offset) over the group's partitions. */
  totalLag: number;
  partitions: number;
}

/** `GET /api/connectors` → `{ connectors }`, FAILED connectors (or with a FAILED task) first, then by name. */
export interface ConnectorSummary {
  name: string;
  type: 'sink' | 'source' | string;
  connectorClass: string;
  state: ConnectorState;
  workerId: string;
  /** Connector-level failure trace, when the connector itself is FAILED. */
  trace?: string;
  tasks: ConnectorTask[];
  /** Topics from the config (`topics`, split on commas); empty for sources or `topics.regex`. */
  topics: string[];
  /** The sink's consumer group (`connect-<name>`); null for source connectors. */
  consumerGroup: string | null;
  /** Lag of the consumer group; null for sources or when Kafka could not be asked (see lagError). */
  lag: ConnectorLag | null;
  lagError?: string;
}

export interface ConnectorListResponse {
  connectors: ConnectorSummary[];
}

/** `GET /api/connectors/:name`. */
export interface ConnectorDetail extends ConnectorSummary {
  config: Record<string, string>;
}

/** One key that differs between a file in connectors/ and the deployed config (null = absent on that side). */
export interface ConfigDiffEntry {
  key: string;
  file: string | null;
  deployed: string | null;
}

/** `GET /api/connector-files` → `{ files }`. */
export interface ConnectorFile {
  /** File name inside connectors/, e.g. `orders-clickhouse-sink.json`. */
  file: string;
  name: string;
  connectorClass: string;
  deployed: boolean;
  /** Empty when deployed and identical, or every key of the file when not deployed. */
  diff: ConfigDiffEntry[];
  /** Set when the file cannot be read as `{ name, config }`; then name/connectorClass are '' and diff is empty. */
  error?: string;
}

export interface ConnectorFileListResponse {
  files: ConnectorFile[];
}

export type PreflightCheckId = 'plugin-installed' | 'table-exists' | 'converter-set' | 'registry-url-set' | 'keys-valid';

export interface PreflightCheck {
  id: PreflightCheckId;
  ok: boolean;
  message: string;
}

/** `POST /api/connector-files/:file/preflight`. Only ClickHouse sink configs get the table/converter/key checks. */
export interface Preflight {
  ok: boolean;
  checks: PreflightCheck[];
}

/** `POST /api/connector-files/:file/deploy`. 422 PREFLIGHT_FAILED carries `details: Preflight`. */
export interface DeployResult {
  name: string;
  created: boolean;
  changed: boolean;
  diff: ConfigDiffEntry[];
  preflight: Preflight;
}

export type ConnectorAction = 'pause' | 'resume' | 'restart';

/** `POST /api/connectors/:name/pause|resume|restart`. */
export interface ConnectorActionResult {
  name: string;
  action: ConnectorAction;
  changed: boolean;
  message: string;
}

/** Body of `DELETE /api/connectors/:name`. */
export interface DeleteConnectorInput {
  confirm: string;
}

export interface DeleteConnectorResult {
  name: string;
  deleted: true;
}
