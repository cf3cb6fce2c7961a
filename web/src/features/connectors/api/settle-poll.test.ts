import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ConnectorListResponse } from '@pipeline-panel/server/contracts';
import { connectorsRefetchInterval, expectConnectorState, expectations, FAST_MS, SLOW_MS } from './settle-poll.ts';

const list = (state: string): ConnectorListResponse =>
  ({ connectors: [{ name: 'c', state, tasks: [{ id: 0, state }] }], fetchedAt: '' }) as unknown as ConnectorListResponse;

test('fast until the list shows the expected state, then slow again', () => {
  assert.equal(connectorsRefetchInterval(list('RUNNING'), 0), SLOW_MS);
  expectConnectorState(expectations.pause('c'), 0);
  assert.equal(connectorsRefetchInterval(list('RUNNING'), 1000), FAST_MS);
  assert.equal(connectorsRefetchInterval(list('PAUSED'), 2000), SLOW_MS);
  assert.equal(connectorsRefetchInterval(list('RUNNING'), 3000), SLOW_MS, 'settled: no longer fast');
});

test('gives up after 30 s', () => {
  expectConnectorState(expectations.remove('c'), 0);
  assert.equal(connectorsRefetchInterval(list('RUNNING'), 10_000), FAST_MS);
  assert.equal(connectorsRefetchInterval(list('RUNNING'), 31_000), SLOW_MS);
});
