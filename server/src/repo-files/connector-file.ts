import { AppError } from '../errors/app-error.ts';

export interface ConnectorFileContent {
  name: string;
  config: Record<string, string>;
}

const CONNECTOR_NAME = /^[A-Za-z0-9._-]{1,200}$/;

/**
 * A connectors/*.json file: `{ name, config }`, the body of Connect's `POST /connectors`. Values are sent to
 * Connect as strings (its config map is Map<String,String>), so numbers and booleans are stringified.
 */
export function parseConnectorFile(file: string, text: string): ConnectorFileContent {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new AppError(400, 'INVALID_CONNECTOR_FILE', `connectors/${file} is not valid JSON: ${(error as Error).message}`, { file });
  }
  const { name, config } = (json ?? {}) as { name?: unknown; config?: unknown };
  if (typeof name !== 'string' || !CONNECTOR_NAME.test(name)) {
    throw new AppError(
      400,
      'INVALID_CONNECTOR_FILE',
      `connectors/${file} needs "name": 1..200 letters, digits, ".", "_" or "-" (got ${JSON.stringify(name)})`,
      { file },
    );
  }
  if (config === null || typeof config !== 'object' || Array.isArray(config)) {
    throw new AppError(
      400,
      'INVALID_CONNECTOR_FILE',
      `connectors/${file} needs a "config" object (the shape is {"name": ..., "config": {...}})`,
      { file },
    );
  }
  const strings: Record<string, string> = {};
  for (const [key, value] of Object.entries(config)) {
    if (value === null || typeof value === 'object') {
      throw new AppError(400, 'INVALID_CONNECTOR_FILE', `connectors/${file}: config.${key} must be a string, number or boolean`, {
        file,
        key,
      });
    }
    strings[key] = String(value);
  }
  if (typeof strings['connector.class'] !== 'string' || strings['connector.class'] === '') {
    throw new AppError(400, 'INVALID_CONNECTOR_FILE', `connectors/${file}: config["connector.class"] is missing`, { file });
  }
  if (strings.name !== undefined && strings.name !== name) {
    throw new AppError(400, 'INVALID_CONNECTOR_FILE', `connectors/${file}: config.name "${strings.name}" differs from name "${name}"`, {
      file,
    });
  }
  return { name, config: strings };
}
