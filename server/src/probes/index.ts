import { createClickHouseClient, probeClickHouse } from '../clickhouse/index.ts';
import type { PanelConfig } from '../config.ts';
import { createConnectClient, probeConnect } from '../connect/index.ts';
import { createKafkaClient, probeKafka } from '../kafka/index.ts';
import type { UpstreamChanges } from '../http/upstream-changes.ts';
import type { UpstreamName } from '../http/upstream-error.ts';
import { createRegistryClient, probeRegistry } from '../registry/index.ts';
import type { ProbeTarget } from '../contracts/stack.ts';
import { ProbeRunner, type ProbeDefinition } from './runner.ts';

export { ProbeRunner, type ProbeDefinition, type ProbeFacts, type ProbeFn } from './runner.ts';

/** Compose service names of the stack (docker-compose.yml), used in the fix-it hints. */
const SERVICE = { kafka: 'kafka', registry: 'schema-registry', connect: 'connect', clickhouse: 'clickhouse' } as const;

const hint = (config: PanelConfig, service: string, setting: string, value: string) =>
  config.mode === 'remote'
    ? `Check that it is up and reachable from the panel; the panel calls ${value} (${setting}).`
    : `Start it with \`docker compose up -d ${service}\` and check \`docker compose logs ${service}\`; the panel calls ${value} (${setting}).`;

export interface StackClients {
  kafka: ReturnType<typeof createKafkaClient>;
  registry: ReturnType<typeof createRegistryClient>;
  connect: ReturnType<typeof createConnectClient>;
  clickhouse: ReturnType<typeof createClickHouseClient>;
}

/**
 * One long-lived client per system of the stack, configured from the panel config and shared by every request
 * (each keeps its connections open); `changes` hears the writes they send.
 */
export function createStackClients(config: PanelConfig, changes?: UpstreamChanges): StackClients {
  const timeoutMs = config.probeTimeoutMs;
  return {
    kafka: createKafkaClient({ brokers: config.kafkaBrokers, security: config.kafkaSecurity, timeoutMs, changes }),
    registry: createRegistryClient({
      url: config.schemaRegistryUrl,
      credentials: config.schemaRegistryCredentials,
      ca: config.schemaRegistryCa,
      timeoutMs,
      changes,
    }),
    connect: createConnectClient({
      url: config.connectUrl,
      credentials: config.connectCredentials,
      ca: config.connectCa,
      timeoutMs,
      changes,
    }),
    clickhouse: createClickHouseClient({
      url: config.clickhouseUrl,
      username: config.clickhouseUser,
      password: config.clickhousePassword,
      ca: config.clickhouseCa,
      timeoutMs,
      changes,
    }),
  };
}

/** Closes every client's connections (the panel is shutting down). */
export async function closeStackClients(clients: StackClients): Promise<void> {
  await Promise.all(Object.values(clients).map((client) => client.close().catch(() => undefined)));
}

export function stackProbes(config: PanelConfig, clients: StackClients): ProbeDefinition[] {
  return [
    {
      target: 'kafka',
      run: () => probeKafka(clients.kafka),
      hint: hint(config, SERVICE.kafka, 'PANEL_KAFKA_BROKERS', config.kafkaBrokers.join(',')),
    },
    {
      target: 'schema-registry',
      run: () => probeRegistry(clients.registry),
      hint: hint(config, SERVICE.registry, 'PANEL_SCHEMA_REGISTRY_URL', config.schemaRegistryUrl),
    },
    {
      target: 'connect',
      run: () => probeConnect(clients.connect),
      hint: hint(config, SERVICE.connect, 'PANEL_CONNECT_URL', config.connectUrl),
    },
    {
      target: 'clickhouse',
      run: () => probeClickHouse(clients.clickhouse),
      hint: hint(config, SERVICE.clickhouse, 'PANEL_CLICKHOUSE_URL', config.clickhouseUrl),
    },
  ];
}

const TARGET: Record<UpstreamName, ProbeTarget> = {
  Kafka: 'kafka',
  'Schema Registry': 'schema-registry',
  'Kafka Connect': 'connect',
  ClickHouse: 'clickhouse',
};

export function createProbeRunner(config: PanelConfig, clients: StackClients, changes?: UpstreamChanges): ProbeRunner {
  // The runner's own timeout is a backstop a little above the clients' timeouts.
  const runner = new ProbeRunner(stackProbes(config, clients), { timeoutMs: config.probeTimeoutMs + 500, cacheMs: 2000 });
  changes?.subscribe((upstream) => runner.invalidate(TARGET[upstream]));
  return runner;
}
