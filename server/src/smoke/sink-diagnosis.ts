/**
 * Evidence for a delivery that makes no progress, and the fix it points to: the newest ERROR/WARN lines of the
 * Connect service's log (when the panel can read it through Docker) or the Kafka-engine consumer's exceptions
 * (system.kafka_consumers), matched against the causes the ClickHouse sink retries forever — its retriable
 * ClickHouse codes (clickhouse-kafka-connect v1.5.0 Utils.handleException: 3, 107, 159, 164, 202, 203, 209, 210,
 * 241, 242, 252, 285, 319, 425, 999) and network errors — and the ones that fail every batch.
 */
import type { LogLine } from '../contracts/stack.ts';
import type { SmokeDeps } from './context.ts';

export type DeliveryKind = 'connector' | 'kafka-engine';

export interface NamedCause {
  cause: string;
  fix: string;
}

interface CauseRule {
  match: RegExp;
  cause: string;
  fix: (delivery: DeliveryKind) => string;
}

const restart = (delivery: DeliveryKind) =>
  delivery === 'connector'
    ? 'then restart the connector (Connectors screen → Restart with tasks)'
    : 'then the Kafka engine retries by itself';

const CAUSES: CauseRule[] = [
  {
    match: /Too many partitions for single INSERT block/i,
    cause:
      'ClickHouse refuses the INSERT: the batch touches more partitions than max_partitions_per_insert_block (code 252, retried forever)',
    fix: (d) =>
      `change the table's PARTITION BY to a coarser key (e.g. toYYYYMM of a timestamp) or raise max_partitions_per_insert_block ${d === 'connector' ? `in the connector's clickhouseSettings (e.g. "clickhouseSettings": "max_partitions_per_insert_block=1000")` : 'in the settings profile of the user the Kafka engine inserts as'}; ${restart(d)}`,
  },
  {
    match: /Too many parts/i,
    cause: 'ClickHouse refuses the INSERT: the table has too many active parts (code 252): inserts outpace merges',
    fix: (d) =>
      `insert fewer, bigger batches${d === 'connector' ? ' (the sink: bufferCount / consumer.override.max.poll.records)' : ''} and let merges catch up; a PARTITION BY that is too fine makes it worse`,
  },
  {
    match: /AUTHENTICATION_FAILED|Authentication failed|password is incorrect|\bCode: 516\b/i,
    cause: 'ClickHouse rejects the login (code 516)',
    fix: (d) =>
      d === 'connector'
        ? `fix the connector's username/password: they are \${env:CLICKHOUSE_USER}/\${env:CLICKHOUSE_PASSWORD} from .env, and ClickHouse creates that user only on a fresh volume (reset, or ALTER USER); ${restart(d)}`
        : "fix the Kafka engine's credentials",
  },
  {
    match: /UNKNOWN_TABLE|Table \S+ does ?n[o']t exist|\bCode: 60\b/i,
    cause: 'the target table does not exist (code 60)',
    fix: (d) =>
      `create the table (its sql/ file, Tables screen → Apply)${d === 'connector' ? " or fix the connector's database and topic2TableMap" : ''}; ${restart(d)}`,
  },
  {
    match: /UNKNOWN_DATABASE|\bCode: 81\b/i,
    cause: 'the target database does not exist (code 81)',
    fix: (d) => `create the database (its sql/ file) or fix the connector's database setting; ${restart(d)}`,
  },
  {
    match: /MEMORY_LIMIT_EXCEEDED|\bCode: 241\b/i,
    cause: 'ClickHouse ran out of memory for the INSERT (code 241, retried forever)',
    fix: () => 'give ClickHouse more memory (CLICKHOUSE_MEM_LIMIT in .env) or insert smaller batches',
  },
  {
    match: /UnknownHostException|Connection refused|NETWORK_ERROR|connect timed out|No route to host/i,
    cause: 'Kafka Connect cannot reach ClickHouse (network error, retried forever)',
    fix: (d) => `check the connector's hostname and port (the compose service clickhouse:8123) and that ClickHouse is up; ${restart(d)}`,
  },
  {
    match: /TIMEOUT_EXCEEDED|SocketTimeoutException|Read timed out|\bCode: 159\b/i,
    cause: 'the INSERT times out (retried forever)',
    fix: () => 'check ClickHouse load and the sink timeouts (clickhouseClientInsertTimeoutMs), or insert smaller batches',
  },
  {
    match: /\bREADONLY\b|TABLE_IS_READ_ONLY|\bCode: 164\b|\bCode: 242\b/i,
    cause: 'the user or table is read-only (code 164/242, retried forever)',
    fix: () => "give the connector's user write access (a profile without readonly=1) or fix the table",
  },
];

/** The first known cause in the evidence (newest first), or null. */
export function nameCause(evidence: string[], delivery: DeliveryKind): NamedCause | null {
  for (const line of [...evidence].reverse()) {
    const rule = CAUSES.find((c) => c.match.test(line));
    if (rule) return { cause: rule.cause, fix: rule.fix(delivery) };
  }
  return null;
}

const LEVEL = /\b(ERROR|WARN)\b/;
const CLICKHOUSE_ERROR = /DB::Exception|ClickHouseException|Code: \d+\./;

/**
 * The newest ERROR/WARN lines at or after `sinceMs` (plus stack-trace lines carrying a ClickHouse error, where the
 * cause is spelled out), preferring those about `connector` since Connect logs every connector of the worker; each
 * cut to 400 characters.
 */
export function warnErrorLines(lines: LogLine[], sinceMs: number, connector: string | null, max = 6): string[] {
  const candidates = lines.filter(
    (l) => (l.ts === null || Date.parse(l.ts) >= sinceMs) && (LEVEL.test(l.line) || CLICKHOUSE_ERROR.test(l.line)),
  );
  const aboutIt = connector !== null && candidates.some((l) => l.line.includes(connector));
  const mine = aboutIt ? candidates.filter((l) => l.line.includes(connector) || CLICKHOUSE_ERROR.test(l.line)) : candidates;
  const chosen = mine.map((l) => {
    const text = l.line.trim();
    return text.length > 400 ? `${text.slice(0, 400)}…` : text;
  });
  return [...new Set(chosen)].slice(-max);
}

/** Connect's recent log lines through Docker, or null when the panel cannot read them (no Docker, not a compose service). */
export async function connectLogLines(deps: SmokeDeps, tail = 500, timeoutMs = 5_000): Promise<LogLine[] | null> {
  if (!deps.serviceLogs) return null;
  const lines: LogLine[] = [];
  try {
    const stream = await deps.serviceLogs(deps.connectService ?? 'connect', { tail, follow: false }, (line) => lines.push(line));
    await Promise.race([stream.done, new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]);
    return lines;
  } catch {
    return null;
  }
}
