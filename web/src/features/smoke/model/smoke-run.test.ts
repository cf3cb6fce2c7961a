import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SmokeRunReport } from '@pipeline-panel/server/contracts';
import {
  CLEANUP_MODES,
  deliveryStuck,
  formatMs,
  formProblems,
  registerAndRunAgain,
  registrationNeeded,
  stepLook,
  versionList,
} from './smoke-run.ts';

test('every status has its own glyph and a label', () => {
  const looks = (['pending', 'running', 'ok', 'failed', 'skipped', 'cancelled'] as const).map(stepLook);
  assert.equal(new Set(looks.map((l) => l.icon)).size, 6);
  assert.deepEqual(
    looks.map((l) => l.label),
    ['pending', 'running', 'passed', 'failed', 'skipped', 'cancelled'],
  );
});

test('durations read naturally', () => {
  assert.deepEqual([formatMs(850), formatMs(12_345), formatMs(75_000), formatMs(null)], ['850 ms', '12.3 s', '1 m 15 s', '']);
});

test('the run form accepts the server bounds and names what is wrong', () => {
  assert.deepEqual(formProblems('100', '60'), {});
  assert.deepEqual(Object.keys(formProblems('0', '4')), ['records', 'timeout']);
  assert.deepEqual(Object.keys(formProblems('100001', '601')), ['records', 'timeout']);
  assert.deepEqual(Object.keys(formProblems('1.5', '60')), ['records']);
});

test('the consent to register is read only from its own failure code, with what it names', () => {
  const details = { subject: 'orders-value', latestVersion: 3, latestId: 12, versions: [1, 3, 2] };
  const failure = { service: 'Schema Registry' as const, message: 'm', fix: 'f', code: 'SCHEMA_REGISTRATION_NEEDED', details };
  assert.deepEqual(registrationNeeded(failure), details);
  assert.equal(registrationNeeded({ ...failure, code: 'DELIVERY_STUCK' }), null);
  assert.equal(registrationNeeded({ ...failure, details: 'nope' }), null);
  assert.equal(registrationNeeded(undefined), null);
  assert.deepEqual(registrationNeeded({ ...failure, details: { subject: 's', latestVersion: 1 } }), {
    subject: 's',
    latestVersion: 1,
    latestId: null,
    versions: [],
  });
  assert.deepEqual([versionList([3, 1, 2]), versionList([1]), versionList([])], ['v1, v2 and v3', 'v1', 'none']);
});

test('a stuck delivery keeps its group, lag, quoted lines and trace; anything malformed is left out', () => {
  const failure = {
    service: 'Kafka Connect' as const,
    message: 'm',
    fix: 'f',
    code: 'DELIVERY_STUCK',
    details: {
      kind: 'connector',
      via: 'orders-sink',
      group: 'connect-orders-sink',
      lag: 200,
      committed: 0,
      stalledMs: 180_000,
      cause: 'too many partitions',
      evidence: ['ERROR Too many partitions', 7],
      trace: null,
      connectLog: 'read',
    },
  };
  const stuck = deliveryStuck(failure)!;
  assert.deepEqual(
    [stuck.group, stuck.lag, stuck.evidence, stuck.cause, stuck.connectLog],
    ['connect-orders-sink', 200, ['ERROR Too many partitions'], 'too many partitions', 'read'],
  );
  assert.equal(deliveryStuck({ ...failure, code: undefined }), null);
  assert.equal(deliveryStuck({ ...failure, details: { lag: 1 } }), null);
});

test("running again with consent keeps the failed run's records, timeout and cleanup", () => {
  const report = { pipeline: 'orders', records: 50, timeoutMs: 30_000, cleanupMode: 'after-pass' } as SmokeRunReport;
  assert.deepEqual(registerAndRunAgain(report), {
    pipeline: 'orders',
    records: 50,
    timeoutMs: 30_000,
    register: true,
    cleanup: 'after-pass',
  });
  assert.equal(registerAndRunAgain({ ...report, cleanupMode: undefined }).cleanup, 'keep');
  assert.deepEqual(
    CLEANUP_MODES.map((m) => m.value),
    ['keep', 'after-pass', 'always'],
  );
});
