import { AppError } from '../errors/app-error.ts';
import { UpstreamAuthError, UpstreamError, describeNetworkFailure } from '../http/upstream-error.ts';

/** The first Kafka protocol error type (e.g. INVALID_REPLICATION_FACTOR) inside a kafkajs error, if any. */
export function protocolErrorType(error: unknown): { type: string; message: string } | null {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length > 0) {
    const current = queue.shift();
    if (!current || typeof current !== 'object' || seen.has(current)) continue;
    seen.add(current);
    const { type, message, errors, cause, originalError } = current as {
      type?: unknown;
      message?: string;
      errors?: unknown[];
      cause?: unknown;
      originalError?: unknown;
    };
    if (typeof type === 'string' && type !== '') return { type, message: message ?? type };
    if (Array.isArray(errors)) queue.push(...errors);
    queue.push(cause, originalError);
  }
  return null;
}

/** Protocol errors of a cluster in motion (they outlast the panel's retries only while leaders move): 503, not 400. */
export const MOVING = new Set([
  'LEADER_NOT_AVAILABLE',
  'NOT_LEADER_FOR_PARTITION',
  'NOT_LEADER_OR_FOLLOWER',
  'NOT_CONTROLLER',
  'NOT_COORDINATOR',
  'COORDINATOR_NOT_AVAILABLE',
  'COORDINATOR_LOAD_IN_PROGRESS',
]);

/**
 * kafkajs failures → panel errors. A broker that answered with a protocol error rejected the request (4xx,
 * with Kafka's error type); anything else means Kafka could not be reached in time (503 naming the brokers).
 */
export function mapKafkaError(error: unknown, target: string, timeoutMs: number, saslConfigured = true): unknown {
  if (error instanceof AppError) return error;
  const sasl = saslFailure(error);
  if (sasl !== null) return new UpstreamAuthError('Kafka', target, sasl, { sentCredentials: saslConfigured, cause: error });
  const protocol = protocolErrorType(error);
  if (protocol && MOVING.has(protocol.type)) {
    return new AppError(
      503,
      'KAFKA_UNAVAILABLE',
      `Kafka at ${target} is moving partition leadership or a coordinator (${protocol.type}): a broker left or joined the cluster; the next refresh should see the new leaders`,
      { service: 'Kafka', target, kafkaErrorType: protocol.type },
    );
  }
  if (protocol) {
    const status = protocol.type === 'UNKNOWN_TOPIC_OR_PARTITION' ? 404 : 400;
    const code = status === 404 ? 'TOPIC_NOT_FOUND' : 'KAFKA_REJECTED';
    return new AppError(status, code, `Kafka at ${target} refused the request: ${protocol.type} (${protocol.message})`, {
      service: 'Kafka',
      target,
      kafkaErrorType: protocol.type,
    });
  }
  return new UpstreamError('Kafka', target, describeNetworkFailure(error, timeoutMs), { cause: error });
}

/** kafkajs' SASL failure message (wrong user or password, a mechanism the listener does not enable), if any. */
export function saslFailure(error: unknown): string | null {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    const { name, message, type } = current as { name?: unknown; message?: unknown; type?: unknown };
    if (name === 'KafkaJSSASLAuthenticationError' || type === 'SASL_AUTHENTICATION_FAILED' || type === 'ILLEGAL_SASL_STATE') {
      return typeof message === 'string' ? message : 'SASL authentication failed';
    }
    current = (current as { cause?: unknown }).cause ?? (current as { originalError?: unknown }).originalError;
  }
  return null;
}
