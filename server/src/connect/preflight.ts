import type { Preflight, PreflightCheck } from '../contracts/connectors.ts';
import { SINK_CONNECTOR_CLASS, validateSinkConfigKeys } from '../domain/connector-config/sink-config.ts';
import type { ConnectorPlugin } from './client.ts';
import { pluginInstallFix, pluginMissingMessage } from './plugin-advice.ts';
import { sinkTargets } from '../domain/connector-config/sink-targets.ts';

export { sinkTargets };

export interface PreflightInputs {
  config: Record<string, string>;
  /** The worker's plugins, or the reason they could not be listed. */
  plugins: ConnectorPlugin[] | { error: string };
  connectUrl: string;
  /** Whether `database.table` exists in ClickHouse; throws when ClickHouse cannot be asked. */
  tableExists(database: string, table: string): Promise<boolean>;
}

/** Connect accepts the full class name, the simple name, or the simple name without "Connector" (its plugin aliases). */
export function pluginMatches(plugin: ConnectorPlugin, connectorClass: string): boolean {
  const simple = plugin.class.slice(plugin.class.lastIndexOf('.') + 1);
  return plugin.class === connectorClass || simple === connectorClass || simple.replace(/Connector$/, '') === connectorClass;
}

/**
 * Converters that read schemas from a registry, with the key (under `value.converter.`) that names the registry:
 * Confluent's Avro, Protobuf and JSON Schema converters (schema.registry.url) and Apicurio's
 * (io.apicurio.registry.utils.converter.*: apicurio.registry.url, SerdeConfig.REGISTRY_URL in apicurio-registry
 * 2.x serde-common).
 */
const REGISTRY_CONVERTERS: Array<{ match: RegExp; urlKey: string; name: string }> = [
  { match: /^io\.confluent\.connect\.(avro|protobuf|json)\./, urlKey: 'schema.registry.url', name: 'Confluent converter' },
  { match: /^io\.apicurio\.registry\.utils\.converter\./, urlKey: 'apicurio.registry.url', name: 'Apicurio converter' },
];

/**
 * Checks a connector config before it is deployed. Every connector: its plugin is installed on the worker. The
 * ClickHouse sink additionally: each target table exists, the value converter is set, a registry-based converter
 * has its schema.registry.url, and every key is one the sink or Connect knows.
 */
export async function preflight(inputs: PreflightInputs): Promise<Preflight> {
  const { config } = inputs;
  const checks: PreflightCheck[] = [];
  const connectorClass = config['connector.class'] ?? '';

  if ('error' in inputs.plugins) {
    checks.push({
      id: 'plugin-installed',
      ok: false,
      message: `Could not list the plugins of the Connect worker: ${inputs.plugins.error}`,
    });
  } else {
    const plugin = inputs.plugins.find((p) => pluginMatches(p, connectorClass));
    checks.push(
      plugin
        ? {
            id: 'plugin-installed',
            ok: true,
            message: `${plugin.class}${plugin.version ? ` ${plugin.version}` : ''} is installed on the worker`,
          }
        : {
            id: 'plugin-installed',
            ok: false,
            message: `${pluginMissingMessage(connectorClass, inputs.connectUrl)}; ${pluginInstallFix(connectorClass)}`,
          },
    );
  }

  if (connectorClass !== SINK_CONNECTOR_CLASS) return { ok: checks.every((c) => c.ok), checks };

  checks.push(await tablesCheck(inputs));

  const converter = config['value.converter'];
  checks.push(
    converter
      ? { id: 'converter-set', ok: true, message: `value.converter is ${converter}` }
      : {
          id: 'converter-set',
          ok: false,
          message:
            'value.converter is not set: the worker default would decode the values; set it (e.g. io.confluent.connect.avro.AvroConverter)',
        },
  );

  const registryConverter = converter ? REGISTRY_CONVERTERS.find((c) => c.match.test(converter)) : REGISTRY_CONVERTERS[0];
  if (!registryConverter) {
    checks.push({ id: 'registry-url-set', ok: true, message: `${converter} does not read schemas from a registry` });
  } else {
    const key = `value.converter.${registryConverter.urlKey}`;
    const registryUrl = config[key];
    checks.push(
      registryUrl
        ? { id: 'registry-url-set', ok: true, message: `${key} is ${registryUrl}` }
        : {
            id: 'registry-url-set',
            ok: false,
            message: `${key} is not set: the ${registryConverter.name} cannot fetch schemas without it`,
          },
    );
  }

  const keys = validateSinkConfigKeys(config);
  const problems = [...keys.missing.map((k) => `missing ${k}`), ...keys.unknown.map((k) => `unknown key ${k}`), ...keys.problems];
  checks.push(
    problems.length === 0
      ? { id: 'keys-valid', ok: true, message: 'every key is one the sink or Connect knows' }
      : { id: 'keys-valid', ok: false, message: problems.join('; ') },
  );

  return { ok: checks.every((c) => c.ok), checks };
}

async function tablesCheck(inputs: PreflightInputs): Promise<PreflightCheck> {
  const database = inputs.config['database'] || 'default';
  if (inputs.config['topics.regex']) {
    return {
      id: 'table-exists',
      ok: false,
      message: 'topics.regex is set: the target tables cannot be checked ahead; list the topics in `topics`',
    };
  }
  const targets = sinkTargets(inputs.config);
  if (targets.length === 0) return { id: 'table-exists', ok: false, message: 'no topics configured, so there is no target table' };
  try {
    const missing: string[] = [];
    for (const { topic, table } of targets)
      if (!(await inputs.tableExists(database, table))) missing.push(`${database}.${table} (for topic ${topic})`);
    if (missing.length > 0) {
      return {
        id: 'table-exists',
        ok: false,
        message: `Missing in ClickHouse: ${missing.join(', ')}; create it from a file in sql/ first (the sink does not create tables)`,
      };
    }
    return {
      id: 'table-exists',
      ok: true,
      message: `Target table${targets.length > 1 ? 's' : ''} ${targets.map((t) => `${database}.${t.table}`).join(', ')} exist${targets.length > 1 ? '' : 's'}`,
    };
  } catch (error) {
    return { id: 'table-exists', ok: false, message: `Could not check the target tables: ${(error as Error).message}` };
  }
}
