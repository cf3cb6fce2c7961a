export {
  CLICKHOUSE_SINK_CLASS,
  createConnectClient,
  probeConnect,
  type ConnectClient,
  type ConnectClientOptions,
  type ConnectorPlugin,
} from './client.ts';
