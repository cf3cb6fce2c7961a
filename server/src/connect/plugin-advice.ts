import { SINK_CONNECTOR_CLASS } from '../domain/connector-config/sink-config.ts';

/**
 * What to do when the Connect worker lacks a connector's plugin. For the ClickHouse sink: the repo's Connect image
 * (configs/connect/Dockerfile) bakes clickhouse-kafka-connect v1.5.0 into /usr/share/confluent-hub-components, so
 * a worker built from it has the plugin; any other worker needs the release zip unpacked on its plugin.path.
 */
export function pluginInstallFix(connectorClass: string): string {
  if (connectorClass === SINK_CONNECTOR_CLASS) {
    return (
      'run the Connect image this repo builds, which has the ClickHouse sink baked in (configs/connect/Dockerfile: ' +
      '`docker compose build connect && docker compose up -d connect`); for another worker, unzip ' +
      'https://github.com/ClickHouse/clickhouse-kafka-connect/releases/download/v1.5.0/clickhouse-kafka-connect-v1.5.0.zip ' +
      'into a directory on its plugin.path and restart it — GET /connector-plugins must then list the class'
    );
  }
  return `install the plugin that provides ${connectorClass} into the worker's plugin.path and restart the worker`;
}

/** "Plugin X is not installed on the Connect worker at U …" — the same words in preflight, the wizard plan and the smoke test. */
export function pluginMissingMessage(connectorClass: string, connectUrl: string): string {
  return `Plugin ${connectorClass} is not installed on the Connect worker at ${connectUrl} (GET /connector-plugins does not list it)`;
}
