/**
 * connectors/cluster/: the sink configs for the cluster profile. Each must be its single-node twin in connectors/
 * (which connectors.test.ts checks key by key and against its table) changed only where the cluster differs: the
 * ClickHouse replica it writes to, a task per Connect worker, and a dead-letter topic replicated like every other topic.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const clusterDir = join(repo, 'connectors/cluster');
const files = readdirSync(clusterDir)
  .filter((f) => f.endsWith('.json'))
  .sort();
/** The keys a cluster connector may change; everything else stays as in its twin. */
const CLUSTER_KEYS = ['hostname', 'tasks.max', 'errors.deadletterqueue.topic.replication.factor'];

interface ConnectorFile {
  name: string;
  config: Record<string, string>;
}
const read = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as ConnectorFile;
const compose = parseYaml(readFileSync(join(repo, 'docker-compose.cluster.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, { environment?: Record<string, unknown> }>;
};
const services = compose.services;

describe('connectors/cluster/', () => {
  test('holds at least one connector', () => assert.ok(files.length > 0));

  for (const file of files) {
    const cluster = read(join(clusterDir, file));

    test(`${file} is connectors/${file} but for ${CLUSTER_KEYS.join(', ')}`, () => {
      const twin = read(join(repo, 'connectors', file));
      const strip = (c: ConnectorFile) => ({
        name: c.name,
        config: Object.fromEntries(Object.entries(c.config).filter(([k]) => !CLUSTER_KEYS.includes(k))),
      });
      assert.deepEqual(strip(cluster), strip(twin));
    });

    test(`${file} writes to a ClickHouse replica of the cluster, with a task per worker and an RF 3 dead-letter topic`, () => {
      const c = cluster.config;
      const replicas = Object.keys(services).filter((n) => 'REPLICA_NAME' in (services[n]!.environment ?? {}));
      assert.ok(replicas.includes(c.hostname!), `hostname ${c.hostname} is not one of ${replicas.join(', ')}`);
      const workers = Object.keys(services).filter((n) => 'CONNECT_GROUP_ID' in (services[n]!.environment ?? {}));
      assert.equal(Number(c['tasks.max']), workers.length, 'one task per Connect worker, so both carry load');
      assert.equal(c['errors.deadletterqueue.topic.replication.factor'], '3');
      for (const worker of workers) {
        const ref = /^\$\{env:([^}]+)\}$/.exec(c.password ?? '')?.[1];
        if (ref) assert.ok(ref in (services[worker]!.environment ?? {}), `${worker} must set ${ref} for \${env:${ref}}`);
      }
    });
  }
});
