/**
 * A loopback TCP proxy in front of the harness broker that speaks just enough of the Kafka protocol to count the
 * requests reaching the broker by API (how the integration tier proves the panel's Kafka reads are shared) and to
 * keep clients on it: the broker's own address in Metadata and FindCoordinator answers is rewritten to the proxy's,
 * as a client connects to the addresses the broker advertises. `cut()` closes the listener and every connection (the
 * broker looks down); `restore()` listens on the same port again.
 *
 * Framing (Kafka protocol guide, "Common Request and Response Structure"): every message is an INT32 size and that
 * many bytes; a request starts with api_key INT16, api_version INT16, correlation_id INT32; a response with the
 * correlation_id. Only non-flexible versions are rewritten (Metadata ≤ v8, FindCoordinator ≤ v2 — what kafkajs 2.2.4
 * sends), whose broker entries are fixed fields: node_id INT32, host STRING (INT16 length), port INT32.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';

const API_NAMES: Record<number, string> = {
  0: 'Produce',
  1: 'Fetch',
  2: 'ListOffsets',
  3: 'Metadata',
  8: 'OffsetCommit',
  9: 'OffsetFetch',
  10: 'FindCoordinator',
  11: 'JoinGroup',
  12: 'Heartbeat',
  13: 'LeaveGroup',
  14: 'SyncGroup',
  15: 'DescribeGroups',
  16: 'ListGroups',
  18: 'ApiVersions',
  19: 'CreateTopics',
  20: 'DeleteTopics',
  32: 'DescribeConfigs',
  42: 'DeleteGroups',
};
export const apiName = (key: number): string => API_NAMES[key] ?? `api#${key}`;
const METADATA = 3;
const FIND_COORDINATOR = 10;

/** Splits complete size-prefixed frames off `buffer`; returns them and the incomplete rest. */
export function splitFrames(buffer: Buffer): { frames: Buffer[]; rest: Buffer } {
  const frames: Buffer[] = [];
  let offset = 0;
  while (buffer.length - offset >= 4) {
    const size = buffer.readInt32BE(offset);
    if (buffer.length - offset - 4 < size) break;
    frames.push(buffer.subarray(offset, offset + 4 + size));
    offset += 4 + size;
  }
  return { frames, rest: buffer.subarray(offset) };
}

export function requestHeader(frame: Buffer): { apiKey: number; apiVersion: number; correlationId: number } {
  return { apiKey: frame.readInt16BE(4), apiVersion: frame.readInt16BE(6), correlationId: frame.readInt32BE(8) };
}

/** Overwrites, in place, the port of every broker entry that names `from` with `to`. */
export function rewriteBrokerPorts(frame: Buffer, apiKey: number, apiVersion: number, from: number, to: number): void {
  // After the size (4) and correlation id (4).
  let at = 8;
  const readString = () => {
    const length = frame.readInt16BE(at);
    at += 2 + Math.max(0, length);
  };
  const fixPort = () => {
    if (frame.readInt32BE(at) === from) frame.writeInt32BE(to, at);
    at += 4;
  };
  if (apiKey === METADATA && apiVersion <= 8) {
    if (apiVersion >= 3) at += 4; // throttle_time_ms
    const brokers = frame.readInt32BE(at);
    at += 4;
    for (let i = 0; i < brokers; i++) {
      at += 4; // node_id
      readString(); // host
      fixPort();
      if (apiVersion >= 1) readString(); // rack (nullable: length -1)
    }
  } else if (apiKey === FIND_COORDINATOR && apiVersion <= 2) {
    if (apiVersion >= 1) at += 4; // throttle_time_ms
    at += 2; // error_code
    if (apiVersion >= 1) readString(); // error_message
    at += 4; // node_id
    readString(); // host
    fixPort();
  }
}

export interface KafkaProxy {
  /** host:port for the clients' bootstrap list. */
  address: string;
  /** "Metadata" → how many such requests reached the broker since the last reset. */
  counts(): Map<string, number>;
  /** Connections opened to the broker through the proxy since the last reset. */
  connections(): number;
  reset(): void;
  cut(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startKafkaProxy(broker: string): Promise<KafkaProxy> {
  const [host, portText] = broker.split(':') as [string, string];
  const brokerPort = Number(portText);
  const counts = new Map<string, number>();
  let opened = 0;
  const sockets = new Set<Socket>();
  let proxyPort = 0;
  let server: Server;

  const onClient = (client: Socket) => {
    opened += 1;
    const upstream = connect(brokerPort, host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    const pending = new Map<number, { apiKey: number; apiVersion: number }>();
    let fromClient: Buffer = Buffer.alloc(0);
    let fromBroker: Buffer = Buffer.alloc(0);
    client.on('data', (chunk: Buffer) => {
      const { frames, rest } = splitFrames(Buffer.concat([fromClient, chunk]));
      fromClient = rest;
      for (const frame of frames) {
        const { apiKey, apiVersion, correlationId } = requestHeader(frame);
        counts.set(apiName(apiKey), (counts.get(apiName(apiKey)) ?? 0) + 1);
        pending.set(correlationId, { apiKey, apiVersion });
        upstream.write(frame);
      }
    });
    upstream.on('data', (chunk: Buffer) => {
      const { frames, rest } = splitFrames(Buffer.concat([fromBroker, chunk]));
      fromBroker = rest;
      for (const frame of frames) {
        const correlationId = frame.readInt32BE(4);
        const request = pending.get(correlationId);
        pending.delete(correlationId);
        if (request) rewriteBrokerPorts(frame, request.apiKey, request.apiVersion, brokerPort, proxyPort);
        client.write(frame);
      }
    });
  };

  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server = createServer(onClient);
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve((server.address() as { port: number }).port));
    });
  proxyPort = await listen(0);
  const stop = async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return {
    address: `127.0.0.1:${proxyPort}`,
    counts: () => new Map(counts),
    connections: () => opened,
    reset: () => {
      counts.clear();
      opened = 0;
    },
    cut: stop,
    restore: async () => void (await listen(proxyPort)),
    close: stop,
  };
}
