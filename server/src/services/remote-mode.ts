import type { PanelConfig } from '../config.ts';
import type { RemoteEndpoint, RemoteModeInfo, StackSnapshot } from '../contracts/stack.ts';
import { AppError } from '../errors/app-error.ts';
import { CREDENTIAL_SETTINGS } from '../http/credentials.ts';
import type { ResetPort, ServicesPort, StackPort } from '../ports.ts';

/** The one-line reason the Docker actions are absent, and the endpoints the Stack screen shows instead. */
export function remoteModeInfo(config: PanelConfig): RemoteModeInfo {
  return { reason: `${config.modeReason}. Start, stop, restart and reset need a compose project.`, endpoints: describeEndpoints(config) };
}

/** Where each service is and how the panel authenticates to it, without any secret. */
export function describeEndpoints(config: PanelConfig): RemoteEndpoint[] {
  const kafka = config.kafkaSecurity;
  const kafkaParts = [
    kafka.sasl ? (kafka.tls ? 'SASL_SSL' : 'SASL_PLAINTEXT') : kafka.tls ? 'SSL' : 'PLAINTEXT',
    kafka.sasl && `${kafka.sasl.mechanism.toUpperCase()} · user ${kafka.sasl.username}`,
    kafka.tls && (kafka.tls.ca ? 'CA from PANEL_KAFKA_TLS_CA_FILE' : 'system CAs'),
    kafka.tls?.cert && 'client certificate',
  ];
  const http = (url: string, user: string | null, ca: string | null, caSetting: string) =>
    [
      url.startsWith('https:') ? (ca ? `TLS · CA from ${caSetting}` : 'TLS · system CAs') : 'plain HTTP',
      user ? `basic auth · user ${user}` : 'no credentials',
    ].join(' · ');
  return [
    { target: 'kafka', address: config.kafkaBrokers.join(','), security: kafkaParts.filter(Boolean).join(' · ') },
    {
      target: 'schema-registry',
      address: config.schemaRegistryUrl,
      security: http(
        config.schemaRegistryUrl,
        config.schemaRegistryCredentials?.username ?? null,
        config.schemaRegistryCa,
        CREDENTIAL_SETTINGS['Schema Registry'].caFile,
      ),
    },
    {
      target: 'connect',
      address: config.connectUrl,
      security: http(
        config.connectUrl,
        config.connectCredentials?.username ?? null,
        config.connectCa,
        CREDENTIAL_SETTINGS['Kafka Connect'].caFile,
      ),
    },
    {
      target: 'clickhouse',
      address: config.clickhouseUrl,
      security: http(config.clickhouseUrl, config.clickhouseUser, config.clickhouseCa, CREDENTIAL_SETTINGS.ClickHouse.caFile),
    },
  ];
}

const refusal = (reason: string, what: string) =>
  new AppError(409, 'REMOTE_MODE', `${what} needs a compose project, and the panel runs in remote mode (${reason})`, { mode: 'remote' });

/** Start, stop, restart and logs refused: there are no containers to act on. */
export function remoteServices(reason: string): ServicesPort {
  return {
    action: async (service, action) => {
      throw refusal(reason, `${action[0]!.toUpperCase()}${action.slice(1)} of ${service}`);
    },
    logs: async (service) => {
      throw refusal(reason, `Reading the logs of ${service}`);
    },
  };
}

/** Reset refused: it removes a compose project's volumes, and there is none. */
export function remoteReset(reason: string): ResetPort {
  return {
    plan: async () => {
      throw refusal(reason, 'Reset');
    },
    start: () => {
      throw refusal(reason, 'Reset');
    },
    latest: () => null,
    operation: () => null,
  };
}

/** No containers to watch: an empty snapshot (the screen shows the endpoints and their probes instead). */
export function remoteStack(project: string, composeFile: string): StackPort {
  const snapshot = (): StackSnapshot => ({
    project,
    composeFile,
    dockerReachable: false,
    dockerError: null,
    composeError: null,
    composeSource: null,
    overall: 'unknown',
    services: [],
    graph: { services: [], edges: [], waves: [], problems: [] },
    generatedAt: new Date().toISOString(),
  });
  return { snapshot: async () => snapshot(), subscribe: () => () => undefined };
}
