import { AppError } from '../errors/app-error.ts';
import { pathSegment } from '../http/path-segment.ts';
import type { HttpCredentials } from '../http/credentials.ts';
import {
  createKeepAliveAgent,
  requestJson,
  endpointOptions,
  type HttpEndpoint,
  UpstreamHttpError,
  type RestOptions,
} from '../http/rest.ts';
import type { UpstreamChanges } from '../http/upstream-changes.ts';

/** The official ClickHouse sink's connector class (ClickHouse/clickhouse-kafka-connect). */
export const CLICKHOUSE_SINK_CLASS = 'com.clickhouse.kafka.connect.ClickHouseSinkConnector';

export interface ConnectorPlugin {
  class: string;
  type: 'sink' | 'source' | string;
  version?: string;
}

export interface ConnectClientOptions {
  url: string;
  timeoutMs: number;
  /** HTTP basic auth, when the service requires it. */
  credentials?: HttpCredentials | null;
  /** PEM CA the https: service's certificate must chain to. */
  ca?: string | null;
  /** Where the client announces the writes it sends (deploy, pause, resume, restart, delete), for the read caches. */
  changes?: UpstreamChanges;
}

/** `GET /connectors/<n>/status` (Connect's ConnectorStateInfo). */
export interface RawConnectorStatus {
  name: string;
  connector: { state: string; worker_id: string; trace?: string };
  tasks: { id: number; state: string; worker_id: string; trace?: string }[];
  type?: string;
}

/** `GET /connectors/<n>` (Connect's ConnectorInfo). */
export interface RawConnectorInfo {
  name: string;
  config: Record<string, string>;
  tasks: { connector: string; task: number }[];
  type?: string;
}

export interface ExpandedConnector {
  status?: RawConnectorStatus;
  info?: RawConnectorInfo;
}

/** A small Kafka Connect REST client (the endpoints the panel uses: docs/upstream-facts.md §4). */
export interface ConnectClient {
  readonly url: string;
  /** Where and how to reach the service, for one-off calls beside this client (never serialised: it holds the password). */
  readonly endpoint: HttpEndpoint;
  info(): Promise<{ version: string; commit: string; kafka_cluster_id: string }>;
  plugins(): Promise<ConnectorPlugin[]>;
  /**
   * `GET /connectors?expand=status&expand=info`, plus every name of `GET /connectors` (with nothing expanded): Connect
   * leaves a connector out of the expanded list until it has its status, e.g. right after it was created.
   */
  connectors(): Promise<Record<string, ExpandedConnector>>;
  status(name: string): Promise<RawConnectorStatus>;
  /** The stored config, or null when no connector has this name. */
  config(name: string): Promise<Record<string, string> | null>;
  /** Idempotent upsert; `created` is true when Connect answered 201. */
  putConfig(name: string, config: Record<string, string>): Promise<{ created: boolean }>;
  pause(name: string): Promise<void>;
  resume(name: string): Promise<void>;
  /** Restarts the connector and its tasks (`?includeTasks=true`). */
  restart(name: string): Promise<void>;
  remove(name: string): Promise<void>;
  /** Closes the kept-alive connections. */
  close(): Promise<void>;
}

const seg = (value: string) => pathSegment(value, 'connector name');

export function createConnectClient(options: ConnectClientOptions): ConnectClient {
  const agent = createKeepAliveAgent();
  const endpoint: HttpEndpoint = { url: options.url, credentials: options.credentials ?? null, ca: options.ca ?? null };
  const http: RestOptions = { ...endpointOptions('Kafka Connect', endpoint, options.timeoutMs), agent };
  /** Every call but a GET changes the cluster here; it is announced whether or not it was answered. */
  const call = async <T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> => {
    try {
      return await requestJson<T>(http, method, path, body);
    } catch (error) {
      throw mapConnectError(error, method !== 'GET');
    } finally {
      if (method !== 'GET') options.changes?.announce('Kafka Connect');
    }
  };
  const get = async <T>(path: string): Promise<T> => (await call<T>('GET', path)).body;
  return {
    url: options.url,
    endpoint,
    info: () => get('/'),
    plugins: () => get<ConnectorPlugin[]>('/connector-plugins'),
    async connectors() {
      const [expanded, names] = await Promise.all([
        get<Record<string, ExpandedConnector>>('/connectors?expand=status&expand=info'),
        get<string[]>('/connectors'),
      ]);
      for (const name of names) expanded[name] ??= {};
      return expanded;
    },
    status: (name) => get(`/connectors/${seg(name)}/status`),
    async config(name) {
      try {
        return await get<Record<string, string>>(`/connectors/${seg(name)}/config`);
      } catch (error) {
        if (error instanceof AppError && error.code === 'CONNECTOR_NOT_FOUND') return null;
        throw error;
      }
    },
    putConfig: async (name, config) => ({ created: (await call('PUT', `/connectors/${seg(name)}/config`, config)).status === 201 }),
    pause: async (name) => void (await call('PUT', `/connectors/${seg(name)}/pause`)),
    resume: async (name) => void (await call('PUT', `/connectors/${seg(name)}/resume`)),
    restart: async (name) => void (await call('POST', `/connectors/${seg(name)}/restart?includeTasks=true&onlyFailed=false`)),
    remove: async (name) => void (await call('DELETE', `/connectors/${seg(name)}`)),
    close: async () => agent.destroy(),
  };
}

/**
 * Connect's REST errors ({error_code, message}) → specific panel errors naming Connect. A 500 answering a
 * mutation is Connect refusing the request (e.g. a class it cannot load), so it becomes a 400 too.
 */
export function mapConnectError(error: unknown, mutation: boolean): unknown {
  if (!(error instanceof UpstreamHttpError)) return error;
  const details = {
    service: 'Kafka Connect',
    target: error.target,
    upstreamStatus: error.upstreamStatus,
    errorCode: error.errorCode,
    connectMessage: error.upstreamMessage,
  };
  const said = error.upstreamMessage || `HTTP ${error.upstreamStatus}`;
  if (error.upstreamStatus === 404) return new AppError(404, 'CONNECTOR_NOT_FOUND', `Kafka Connect: ${said}`, details);
  if (error.upstreamStatus === 409) {
    return new AppError(
      409,
      'CONNECT_CONFLICT',
      `Kafka Connect refused the request for now (${said}); a rebalance is usually in progress — try again in a few seconds`,
      details,
    );
  }
  if (error.upstreamStatus >= 400 && error.upstreamStatus < 500)
    return new AppError(400, 'CONNECT_REJECTED', `Kafka Connect rejected the request: ${said}`, details);
  if (mutation && error.upstreamStatus === 500 && error.errorCode !== null) {
    return new AppError(400, 'CONNECT_REJECTED', `Kafka Connect rejected the request: ${said}`, details);
  }
  return error;
}

export async function probeConnect(client: ConnectClient): Promise<Record<string, string | boolean | string[]>> {
  const [info, plugins] = await Promise.all([client.info(), client.plugins()]);
  const sink = plugins.find((p) => p.class === CLICKHOUSE_SINK_CLASS);
  return {
    url: client.url,
    version: info.version,
    plugins: plugins.map((p) => (p.version ? `${p.class} ${p.version}` : p.class)),
    clickhouseSinkInstalled: sink !== undefined,
    // Never an empty fact: the stack screen says what is known.
    clickhouseSinkVersion: sink ? sink.version || 'unknown (the worker reports none)' : 'not installed',
  };
}
