import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDataAge, formatDuration, formatElapsed, formatPort, uptimeMs } from './format.ts';

describe('formatDuration', () => {
  test('picks the two most significant units', () => {
    assert.equal(formatDuration(0), '0s');
    assert.equal(formatDuration(45_900), '45s');
    assert.equal(formatDuration(4 * 60_000 + 7_000), '4m 07s');
    assert.equal(formatDuration(2 * 3_600_000 + 5 * 60_000 + 59_000), '2h 05m');
    assert.equal(formatDuration(3 * 86_400_000 + 4 * 3_600_000 + 1), '3d 4h');
  });

  test('refuses nonsense instead of printing NaN', () => {
    assert.equal(formatDuration(-1), '—');
    assert.equal(formatDuration(Number.NaN), '—');
  });
});

describe('uptimeMs', () => {
  const now = Date.parse('2025-01-01T12:00:00Z');
  test('measures from the start time', () => {
    assert.equal(uptimeMs('2025-01-01T11:59:30Z', now), 30_000);
  });
  test('is null without a start time or with an unreadable one', () => {
    assert.equal(uptimeMs(null, now), null);
    assert.equal(uptimeMs('yesterday-ish', now), null);
  });
  test('never goes negative when clocks disagree', () => {
    assert.equal(uptimeMs('2025-01-01T12:00:05Z', now), 0);
  });
});

test('formatElapsed switches units with magnitude', () => {
  assert.equal(formatElapsed(850.4), '850 ms');
  assert.equal(formatElapsed(1_234), '1.2 s');
  assert.equal(formatElapsed(123_000), '2m 03s');
});

test('formatPort hides wildcard host addresses and keeps explicit ones', () => {
  assert.equal(formatPort({ hostIp: '127.0.0.1', hostPort: 19092, containerPort: 9092, protocol: 'tcp' }), '127.0.0.1:19092 → 9092/tcp');
  assert.equal(formatPort({ hostIp: '0.0.0.0', hostPort: 8123, containerPort: 8123, protocol: 'tcp' }), '8123 → 8123/tcp');
  assert.equal(formatPort({ hostIp: '::', hostPort: 53, containerPort: 53, protocol: 'udp' }), '53 → 53/udp');
});

describe('formatDataAge', () => {
  const at = '2026-01-01T00:00:00.000Z';
  const t = Date.parse(at);
  test('says how long ago the list was read', () => {
    assert.equal(formatDataAge(at, t + 400), 'updated just now');
    assert.equal(formatDataAge(at, t + 3_900), 'updated 3 s ago');
    assert.equal(formatDataAge(at, t + 125_000), 'updated 2m 05s ago');
  });

  test('a clock slightly behind the server reads as just now; an unreadable time as nothing', () => {
    assert.equal(formatDataAge(at, t - 500), 'updated just now');
    assert.equal(formatDataAge('not a time', t), null);
  });
});
