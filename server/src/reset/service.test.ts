import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ProjectDocker } from '../docker/project-docker.ts';
import { AppError } from '../errors/app-error.ts';
import { ResetService } from './service.ts';

test('a wrong or missing confirmation is refused with CONFIRMATION_MISMATCH before anything is read or touched', () => {
  const touched: string[] = [];
  const trap = new Proxy(
    {},
    {
      get: (_t, key) => (
        touched.push(String(key)),
        () => {
          throw new Error(`touched ${String(key)}`);
        }
      ),
    },
  );
  const reset = new ResetService({
    target: { project: 'demo', projectDir: '/nowhere', composePath: '/nowhere/docker-compose.yml' },
    projectDocker: trap as ProjectDocker,
    declared: async () => (touched.push('declared'), []),
    bootstrap: trap as never,
    settings: { selfService: 'panel', upTimeoutMs: 1, healthyTimeoutMs: 1, bootstrapWaitMs: 1 },
    selfIds: [],
  });
  for (const confirm of ['Demo', 'demo ', '', undefined, 42]) {
    assert.throws(
      () => reset.start(confirm),
      (e: unknown) => e instanceof AppError && e.statusCode === 400 && e.code === 'CONFIRMATION_MISMATCH',
    );
  }
  assert.equal(reset.latest(), null);
  assert.deepEqual(touched, []);
});
