import type { ClickHouseClient } from '../clickhouse/client.ts';
import type { ConnectClient } from '../connect/client.ts';
import type { KafkaClient } from '../kafka/client.ts';
import type { RegistryClient } from '../registry/client.ts';
import type { RepoFiles } from '../repo-files/index.ts';
import type { SmokeRunner } from '../smoke/index.ts';

/** Where the generated connector config points: addresses as the Connect worker sees them (inside the stack). */
export interface ConnectorDefaults {
  registryUrl: string;
  clickhouse: { hostname: string; port: number; ssl: boolean; username: string; passwordRef: string };
}

/** The repo's orders connector uses the same in-stack addresses and Connect's env config provider (docker-compose.yml). */
export const STACK_CONNECTOR_DEFAULTS: ConnectorDefaults = {
  registryUrl: 'http://schema-registry:8081',
  clickhouse: {
    hostname: 'clickhouse',
    port: 8123,
    ssl: false,
    username: '${env:CLICKHOUSE_USER}',
    passwordRef: '${env:CLICKHOUSE_PASSWORD}',
  },
};

export interface WizardDeps {
  kafka: KafkaClient;
  registry: RegistryClient;
  connect: ConnectClient;
  clickhouse: ClickHouseClient;
  files: RepoFiles;
  /** The project whose sql/ and connectors/ the wizard writes. */
  projectDir: string;
  /** Starts the smoke test after an apply; absent when the smoke routes are not mounted. */
  smoke?: SmokeRunner;
  connectorDefaults?: ConnectorDefaults;
  connectTimeoutMs?: number;
}
