/**
 * What the stack tier's tests share (single-node stack.test.ts and cluster.test.ts): when to skip, running Compose for
 * one project, waiting, the orders records they produce and the rows those must become, the connector's state.
 */
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Kafka } from 'kafkajs';
import type { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import { findComposeCli, run } from '../lib/compose-cli.ts';

function lastLine(text: string): string {
  return text.trim().split('\n').filter(Boolean).pop() ?? 'no output';
}

/** Why the stack tier cannot run here, or undefined when it can: it needs Docker, an image registry and Compose v2. */
export function detectStackSkip(registryProbeImage: string): string | undefined {
  const info = run(['docker', 'info', '--format', '{{.ServerVersion}}'], { timeoutMs: 20_000 });
  if (info.status !== 0) return `no Docker Engine reachable (docker info: ${lastLine(info.stderr || info.error || '')})`;
  const pull = run(['docker', 'pull', registryProbeImage], { timeoutMs: 120_000 });
  if (pull.status !== 0) {
    return `no container registry reachable from this Docker host (docker pull ${registryProbeImage} failed: ${lastLine(pull.stderr || pull.error || '')})`;
  }
  if (!findComposeCli()) return 'Docker Compose v2 (`docker compose`) is not installed; the stack relies on `up --wait`';
  return undefined;
}

/** `docker compose` for one project and compose file, with .env.example for variables and `env` on top of it. */
export function composeProject(options: { repo: string; project: string; file?: string; envFile: string; env: NodeJS.ProcessEnv }) {
  const argv = (args: string[]) => [
    ...findComposeCli()!.command,
    '--env-file',
    options.envFile,
    '-p',
    options.project,
    ...(options.file ? ['-f', options.file] : []),
    ...args,
  ];
  return {
    /** Runs a compose command; fails the test with its stderr when it fails. */
    compose(args: string[], timeoutMs = 120_000): string {
      const result = run(argv(args), { cwd: options.repo, env: options.env, timeoutMs });
      assert.equal(result.status, 0, `docker compose ${args.join(' ')} failed:\n${result.stderr}${result.error ?? ''}`);
      return result.stdout;
    },
    /** Every container's state and the last lines of every service's log, for a failure report. */
    logs(): string {
      const quiet = (args: string[]) => run(argv(args), { cwd: options.repo, env: options.env, timeoutMs: 60_000 }).stdout;
      return `${quiet(['ps', '--all'])}\n${quiet(['logs', '--no-color', '--tail', '150'])}`;
    },
  };
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (e) {
      last = e;
    }
    await sleep(2_000);
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
}

/** Avro `decimal` bytes: big-endian two's complement of the unscaled value (positive values here). */
export function decimalBytes(unscaled: bigint): Buffer {
  assert.ok(unscaled >= 0n);
  let hex = unscaled.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  if (parseInt(hex.slice(0, 2), 16) >= 0x80) hex = `00${hex}`;
  return Buffer.from(hex, 'hex');
}

/** A row of pipeline.orders as DISTINCT_ORDERS_SQL returns it. */
export interface OrderRow {
  order_id: string;
  customer_id: string;
  status: string;
  quantity: number;
  amount_cents: string;
  currency: string;
  created_at_ms: string;
  note: string | null;
}

/** Order i as the Avro value to produce (connectors/orders-value.avsc) and the row it must become. */
export function makeOrder(i: number) {
  const statuses = ['NEW', 'PAID', 'SHIPPED', 'CANCELLED'];
  const cents = 1999n + BigInt(i) * 105n;
  const createdAt = 1_767_225_600_000 + i * 1_234;
  const note = i % 3 === 0 ? null : `note ${i}`;
  return {
    value: {
      order_id: `o-${String(i).padStart(4, '0')}`,
      customer_id: 1000 + (i % 5),
      status: statuses[i % 4]!,
      quantity: i + 1,
      amount: decimalBytes(cents),
      currency: 'EUR',
      created_at: createdAt,
      note,
    },
    row: {
      order_id: `o-${String(i).padStart(4, '0')}`,
      customer_id: String(1000 + (i % 5)),
      status: statuses[i % 4]!,
      quantity: i + 1,
      amount_cents: String(cents),
      currency: 'EUR',
      created_at_ms: String(createdAt),
      note,
    } satisfies OrderRow,
  };
}
export type Order = ReturnType<typeof makeOrder>;

/** Every order once, typed columns as strings: the sink is at-least-once (exactlyOnce=false), so compare distinct orders. */
export const DISTINCT_ORDERS_SQL = `SELECT order_id, toString(customer_id) AS customer_id, toString(status) AS status, quantity,
       toString(toInt64(amount * 100)) AS amount_cents, toString(currency) AS currency,
       toString(toUnixTimestamp64Milli(created_at)) AS created_at_ms, note
FROM pipeline.orders ORDER BY order_id LIMIT 1 BY order_id`;

/** Produces the orders, keyed by order id, encoded with a registered schema (Confluent wire format). */
export async function produceOrders(kafka: Kafka, registry: SchemaRegistry, topic: string, orders: Order[], schemaId: number) {
  const producer = kafka.producer();
  await producer.connect();
  try {
    const messages = [];
    for (const o of orders) messages.push({ key: o.value.order_id, value: await registry.encode(schemaId, o.value) });
    await producer.send({ topic, messages });
  } finally {
    await producer.disconnect();
  }
}

export interface ConnectorStatus {
  connector: { state: string; worker_id: string };
  tasks: Array<{ id: number; state: string; worker_id: string; trace?: string }>;
}

/** The connector's status once it and every task are RUNNING; undefined before; throws when a task FAILED. */
export async function connectorRunning(connectUrl: string, name: string, tasks = 1): Promise<ConnectorStatus | undefined> {
  const res = await fetch(`${connectUrl}/connectors/${name}/status`);
  if (!res.ok) return undefined;
  const status = (await res.json()) as ConnectorStatus;
  const failed = status.tasks.find((t) => t.state === 'FAILED');
  if (failed) throw new Error(`task ${failed.id} FAILED: ${failed.trace?.split('\n')[0]}`);
  return status.connector.state === 'RUNNING' && status.tasks.length >= tasks && status.tasks.every((t) => t.state === 'RUNNING')
    ? status
    : undefined;
}
