import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nameCause, warnErrorLines } from './sink-diagnosis.ts';

test('code 252 "Too many partitions" names PARTITION BY and clickhouseSettings for the sink', () => {
  const named = nameCause(
    [
      '[2026-01-01 00:00:01,000] WARN [orders|task-0] Deciding how to handle exception: Code: 252. DB::Exception: Too many partitions for single INSERT block (more than 100). (TOO_MANY_PARTS)',
    ],
    'connector',
  );
  assert.match(named?.cause ?? '', /max_partitions_per_insert_block/);
  assert.match(named?.fix ?? '', /PARTITION BY.*clickhouseSettings.*restart the connector/);
});

test('the Kafka engine gets the engine-side fix', () => {
  const named = nameCause(['Code: 252. DB::Exception: Too many partitions for single INSERT block (more than 100)'], 'kafka-engine');
  assert.match(named?.fix ?? '', /settings profile/);
});

test('auth, unknown table and network errors name their fix; the newest line decides', () => {
  assert.match(nameCause(['Code: 516. DB::Exception: default: Authentication failed'], 'connector')?.fix ?? '', /password/);
  assert.match(
    nameCause(['Code: 60. DB::Exception: Table pipeline.x does not exist. (UNKNOWN_TABLE)'], 'connector')?.fix ?? '',
    /create the table/,
  );
  assert.match(nameCause(['java.net.UnknownHostException: clickhous'], 'connector')?.fix ?? '', /hostname and port/);
  assert.match(nameCause(['Authentication failed', 'Too many partitions for single INSERT block'], 'connector')?.cause ?? '', /partitions/);
  assert.equal(nameCause(['all good'], 'connector'), null);
});

test('warnErrorLines keeps the newest ERROR/WARN lines of the run, about the connector', () => {
  const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString();
  const lines = [
    { stream: 'stdout' as const, ts: at(1), line: '[..] ERROR [orders|task-0] old failure' },
    { stream: 'stdout' as const, ts: at(10), line: '[..] INFO [orders|task-0] Put records: 100' },
    { stream: 'stdout' as const, ts: at(11), line: '[..] WARN [other|task-0] not mine' },
    { stream: 'stdout' as const, ts: at(12), line: '[..] WARN [orders|task-0] Deciding how to handle exception' },
    {
      stream: 'stderr' as const,
      ts: at(12),
      line: 'Caused by: com.clickhouse.client.api.ServerException: Code: 252. DB::Exception: Too many partitions',
    },
  ];
  assert.deepEqual(warnErrorLines(lines, Date.UTC(2026, 0, 1, 0, 0, 5), 'orders'), [
    '[..] WARN [orders|task-0] Deciding how to handle exception',
    'Caused by: com.clickhouse.client.api.ServerException: Code: 252. DB::Exception: Too many partitions',
  ]);
  assert.equal(warnErrorLines(lines, 0, 'nobody').length, 4);
});
