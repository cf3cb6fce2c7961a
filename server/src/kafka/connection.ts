import { connect as netConnect, isIP } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import type { ISocketFactory, KafkaConfig, SASLOptions } from 'kafkajs';
import type { TlsMaterial } from '../http/credentials.ts';

export type SaslMechanism = 'plain' | 'scram-sha-256' | 'scram-sha-512';
export const SASL_MECHANISMS: readonly SaslMechanism[] = ['plain', 'scram-sha-256', 'scram-sha-512'];

/** How the panel authenticates to Kafka: SASL (PLAIN or SCRAM) and/or TLS; both null is a plaintext listener. */
export interface KafkaSecurity {
  sasl: { mechanism: SaslMechanism; username: string; password: string } | null;
  /** null: plaintext; otherwise TLS, trusting `ca` (or Node's bundled roots) and presenting cert+key when given. */
  tls: TlsMaterial | null;
}

/** Where Kafka is and how to authenticate; every kafkajs client the panel makes is built from one. */
export interface KafkaConnection {
  brokers: string[];
  security: KafkaSecurity;
}

/** A connection, or just the bootstrap servers of a plaintext listener without SASL. */
export type KafkaConnectionLike = KafkaConnection | string[];

export const PLAINTEXT: KafkaSecurity = { sasl: null, tls: null };

export function asKafkaConnection(connection: KafkaConnectionLike): KafkaConnection {
  return Array.isArray(connection) ? { brokers: connection, security: PLAINTEXT } : connection;
}

/** The kafkajs options for `connection` (brokers, ssl, sasl) merged into `rest`. */
export function kafkaConfig(connection: KafkaConnectionLike, rest: Omit<KafkaConfig, 'brokers' | 'ssl' | 'sasl'>): KafkaConfig {
  const { brokers, security } = asKafkaConnection(connection);
  const ssl = security.tls
    ? {
        ...(security.tls.ca ? { ca: security.tls.ca } : {}),
        ...(security.tls.cert ? { cert: security.tls.cert } : {}),
        ...(security.tls.key ? { key: security.tls.key } : {}),
      }
    : undefined;
  const sasl = security.sasl ? ({ ...security.sasl } as SASLOptions) : undefined;
  return { ...rest, brokers, ...(ssl ? { ssl } : {}), ...(sasl ? { sasl } : {}) };
}

/**
 * kafkajs' own socket factory (TCP or TLS with SNI for host names, TCP keep-alive after 60 s), but unref'd: a
 * long-lived client's idle connection never keeps a process alive on its own (a request in flight does, through
 * kafkajs' timers).
 */
export const idleSocket: ISocketFactory = ({ host, port, ssl, onConnect }) => {
  const socket = ssl
    ? tlsConnect({ host, port, ...(isIP(host) ? {} : { servername: host }), ...ssl }, onConnect)
    : netConnect({ host, port }, onConnect);
  socket.setKeepAlive(true, 60_000);
  socket.unref();
  return socket;
};
