/**
 * docker-compose.cluster.yml (the cluster profile), loaded through the real Compose v2 CLI with .env.example, must
 * describe what the README promises: 3 KRaft nodes with replicated internal topics, the registry, 2 Connect workers in
 * one group, 2 ClickHouse replicas on a 3-node Keeper ensemble; pinned images, health-based ordering, one named volume
 * per node, memory limits that fit the heaps, loopback host ports from variables, no secrets. The ClickHouse and
 * Keeper config files must agree with the services, and the panel must read the file as Compose does.
 */
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { parseCompose } from '@pipeline-panel/server/compose/parse';
import { cleanComposeEnv, findComposeCli, readDotEnv } from '../lib/compose-cli.ts';
import { composeConfigJson, envOf, maxHeapMiB, memLimitMiB, type ComposeJsonModel, type ComposeJsonService } from '../lib/compose-json.ts';

const repo = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');
const clusterFile = join(repo, 'docker-compose.cluster.yml');
const envExample = join(repo, '.env.example');
const BROKERS = ['kafka-1', 'kafka-2', 'kafka-3'];
const WORKERS = ['connect-1', 'connect-2'];
const REPLICAS = ['clickhouse-1', 'clickhouse-2'];
const KEEPERS = ['keeper-1', 'keeper-2', 'keeper-3'];
const INIT = 'clickhouse-init';
const serverConfigDir = join(repo, 'configs/clickhouse-cluster/clickhouse-server/config.d');
const keeperConfigFile = join(repo, 'configs/clickhouse-cluster/clickhouse-keeper/keeper_config.xml');

/** Inner XML of every <tag>…</tag> (comments removed); our config files are small and flat enough for this. */
function blocks(xml: string, tag: string): string[] {
  const clean = xml.replace(/<!--[\s\S]*?-->/g, '');
  return [...clean.matchAll(new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => m[1]!);
}
function textOf(xml: string, tag: string): string | undefined {
  return blocks(xml, tag)[0]?.trim();
}
/** The variable an element takes its value from: <tag from_env="VAR"/>. */
function fromEnv(xml: string, tag: string): string | undefined {
  return new RegExp(`<${tag}\\s+from_env="([A-Z0-9_]+)"\\s*/>`).exec(xml.replace(/<!--[\s\S]*?-->/g, ''))?.[1];
}
const readConfig = (name: string) => readFileSync(join(serverConfigDir, name), 'utf8');

const cli = findComposeCli();
const skipReason = cli ? undefined : 'the Compose v2 CLI (`docker compose`) is not installed; the cluster checks read its JSON model';
if (skipReason) console.log(`cluster-compose.test skipped: ${skipReason}`);

describe('docker-compose.cluster.yml', { skip: skipReason }, () => {
  const envDoc = readDotEnv(envExample);
  const env = envDoc.values;
  const rawText = readFileSync(clusterFile, 'utf8');
  // merge: Compose accepts YAML 1.1 `<<` merge keys, which this file uses for its repeated nodes.
  const raw = parseYaml(rawText, { merge: true }) as { name: string; services: Record<string, { environment?: Record<string, unknown> }> };
  let model: ComposeJsonModel;

  before(() => {
    model = composeConfigJson(cli!, {
      cwd: repo,
      file: clusterFile,
      envFiles: [envExample],
      env: cleanComposeEnv(repo),
      project: raw.name,
    });
  });

  const service = (name: string): ComposeJsonService => {
    const s = model.services[name];
    assert.ok(s, `service ${name} is missing`);
    return s;
  };
  const longRunning = () => Object.keys(model.services).filter((name) => name !== INIT);

  test('runs 3 brokers, the registry, 2 Connect workers, 2 ClickHouse replicas, 3 Keeper nodes and the one-shot DDL step', () => {
    assert.deepEqual(Object.keys(model.services).sort(), [...REPLICAS, INIT, ...WORKERS, ...BROKERS, ...KEEPERS, 'schema-registry'].sort());
    for (const [name, s] of Object.entries(model.services)) if (name !== INIT) assert.equal(s.hostname, name, `${name}: hostname`);
  });

  test('is its own project, and scripts/cluster.sh always passes that name (COMPOSE_PROJECT_NAME in .env would win)', () => {
    assert.equal(raw.name, 'pipeline-cluster');
    assert.notEqual(raw.name, env.COMPOSE_PROJECT_NAME, 'must not share the single-node project');
    const script = readFileSync(join(repo, 'scripts/cluster.sh'), 'utf8');
    assert.match(script, new RegExp(`^project=${raw.name}$`, 'm'));
    assert.match(script, /docker compose -p "\$project" -f docker-compose\.cluster\.yml/);
    const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    assert.equal(pkg.scripts.cluster, 'bash scripts/cluster.sh');
  });

  test('every image is pinned; Keeper runs the ClickHouse server version; both workers run the image connect-1 builds', () => {
    const exact = /^[a-z0-9][\w./-]*:(v?\d+\.\d+\.\d+[\w.-]*)$/;
    for (const [name, s] of Object.entries(model.services)) {
      assert.match(s.image ?? '', exact, `${name}: image "${s.image}" is not pinned to an exact version`);
    }
    const version = (image: string) => image.split(':').pop();
    assert.match(service('keeper-1').image!, /^clickhouse\/clickhouse-keeper:/);
    assert.equal(version(service('keeper-1').image!), version(service('clickhouse-1').image!), 'Keeper and server versions differ');
    for (const name of [...BROKERS]) assert.equal(service(name).image, env.KAFKA_IMAGE);
    for (const name of [...REPLICAS, INIT]) assert.equal(service(name).image, env.CLICKHOUSE_IMAGE);
    assert.equal(service('schema-registry').image, env.SCHEMA_REGISTRY_IMAGE);
    for (const name of WORKERS) assert.equal(service(name).image, env.CONNECT_IMAGE);
    const build = service('connect-1').build;
    assert.ok(build?.context.endsWith('/configs/connect'), 'connect-1 builds configs/connect/Dockerfile');
    assert.equal(build?.args?.CLICKHOUSE_SINK_VERSION, env.CLICKHOUSE_SINK_VERSION);
    assert.equal(service('connect-2').build, undefined, 'one build is enough');
    assert.equal(service('connect-2').pull_policy, 'never', 'connect-2 must not look for the locally built tag in a registry');
  });

  test('every long-running service has a healthcheck and a memory limit; clickhouse-init is a one-shot step', () => {
    for (const name of Object.keys(model.services)) {
      assert.ok(memLimitMiB(service(name)) > 0, `${name}: mem_limit is required`);
    }
    for (const name of longRunning()) {
      const hc = service(name).healthcheck;
      assert.ok(hc && !hc.disable && (hc.test?.length ?? 0) > 1 && hc.test![0] !== 'NONE', `${name}: no healthcheck`);
    }
    const init = service(INIT);
    assert.equal(init.restart, 'no');
    assert.equal(init.healthcheck, undefined, 'a one-shot step is waited for by its exit code, not a healthcheck');
    assert.match(init.entrypoint?.join(' ') ?? '', /clickhouse-client --host clickhouse-1 .*--queries-file/);
    assert.ok(
      init.volumes?.some((v) => v.type === 'bind' && v.source === join(repo, 'sql/cluster') && v.target === '/sql' && v.read_only),
      'sql/cluster must be mounted read-only at /sql',
    );
  });

  test('memory limits fit the JVM heaps, and the README states their sum', () => {
    const heapOf: Record<string, string> = {
      ...Object.fromEntries([...BROKERS, ...WORKERS].map((n) => [n, envOf(service(n)).KAFKA_HEAP_OPTS ?? ''])),
      'schema-registry': envOf(service('schema-registry')).SCHEMA_REGISTRY_HEAP_OPTS ?? '',
    };
    for (const [name, opts] of Object.entries(heapOf)) {
      const heap = maxHeapMiB(opts);
      assert.ok(heap, `${name}: set -Xmx explicitly`);
      // Metaspace, threads, GC and network buffers live outside the heap.
      assert.ok(
        heap + 256 <= memLimitMiB(service(name)),
        `${name}: -Xmx${heap}m leaves under 256 MiB of its ${memLimitMiB(service(name))} MiB limit`,
      );
    }
    const total = Object.values(model.services).reduce((sum, s) => sum + memLimitMiB(s), 0);
    const readme = readFileSync(join(repo, 'README.md'), 'utf8');
    const stated = /memory limits add up to \*{0,2}(\d+) MiB/.exec(readme)?.[1];
    assert.equal(Number(stated), total, `README "Cluster profile" must say the memory limits add up to ${total} MiB`);
  });

  test('start-up is health-ordered: Keeper → ClickHouse → DDL step → Connect; brokers → registry → Connect', () => {
    const graph = Object.fromEntries(
      Object.entries(model.services).map(([name, s]) => [
        name,
        Object.entries(s.depends_on ?? {})
          .map(([dep, d]) => `${dep}:${d.condition}`)
          .sort(),
      ]),
    );
    const healthy = (names: string[]) => names.map((n) => `${n}:service_healthy`);
    assert.deepEqual(graph, {
      ...Object.fromEntries([...BROKERS, ...KEEPERS].map((n) => [n, []])),
      'schema-registry': healthy(BROKERS),
      ...Object.fromEntries(REPLICAS.map((n) => [n, healthy(KEEPERS)])),
      [INIT]: healthy(REPLICAS),
      ...Object.fromEntries(
        WORKERS.map((n) => [n, [`${INIT}:service_completed_successfully`, ...healthy([...BROKERS, 'schema-registry'])].sort()]),
      ),
    });
  });

  test('every node keeps its data on a named volume of its own, where its image keeps it', () => {
    const dataPath: Record<string, string> = {
      ...Object.fromEntries(BROKERS.map((n) => [n, '/var/lib/kafka/data'])),
      ...Object.fromEntries([...REPLICAS, ...KEEPERS].map((n) => [n, '/var/lib/clickhouse'])),
    };
    const sources = new Set<string>();
    for (const [name, target] of Object.entries(dataPath)) {
      const mount = service(name).volumes?.find((v) => v.target === target);
      assert.ok(mount, `${name}: nothing mounted at ${target}`);
      assert.equal(mount.type, 'volume', `${name}: ${target} must be a named volume`);
      assert.equal(mount.source, `${name}-data`);
      assert.ok(mount.source in (model.volumes ?? {}), `volume ${mount.source} is not declared at top level`);
      sources.add(mount.source);
    }
    assert.equal(sources.size, Object.keys(dataPath).length, 'two nodes share a volume');
    for (const name of BROKERS) assert.equal(envOf(service(name)).KAFKA_LOG_DIRS, '/var/lib/kafka/data');
  });

  test('host ports: 127.0.0.1 only, from CLUSTER_* variables, no clash with each other or the single-node stack', () => {
    const expected: Record<string, Array<[string, number]>> = {
      ...Object.fromEntries(BROKERS.map((n, i) => [n, [[`CLUSTER_KAFKA_${i + 1}_HOST_PORT`, 9094]]])),
      'schema-registry': [['CLUSTER_SCHEMA_REGISTRY_HOST_PORT', 8081]],
      ...Object.fromEntries(WORKERS.map((n, i) => [n, [[`CLUSTER_CONNECT_${i + 1}_HOST_PORT`, 8083]]])),
      ...Object.fromEntries(
        REPLICAS.map((n, i) => [
          n,
          [
            [`CLUSTER_CLICKHOUSE_${i + 1}_HTTP_HOST_PORT`, 8123],
            [`CLUSTER_CLICKHOUSE_${i + 1}_NATIVE_HOST_PORT`, 9000],
          ],
        ]),
      ),
    };
    const published: string[] = [];
    for (const [name, s] of Object.entries(model.services)) {
      const want = expected[name] ?? [];
      assert.deepEqual(
        (s.ports ?? []).map((p) => [p.host_ip, p.published, p.target]),
        want.map(([variable, target]) => ['127.0.0.1', env[variable], target]),
        `${name}: ports`,
      );
      published.push(...(s.ports ?? []).map((p) => p.published));
    }
    assert.equal(new Set(published).size, published.length, `host ports clash: ${published.join(', ')}`);
    const single = composeConfigJson(cli!, {
      cwd: repo,
      file: join(repo, 'docker-compose.yml'),
      envFiles: [envExample],
      env: cleanComposeEnv(repo),
    });
    const singlePorts = Object.values(single.services).flatMap((s) => (s.ports ?? []).map((p) => p.published));
    assert.deepEqual(
      published.filter((p) => singlePorts.includes(p)),
      [],
      'the cluster must be able to run beside the single-node stack',
    );
  });

  test('kafka: three combined KRaft nodes, one quorum and cluster id, a rack each, RF 3 / min ISR 2 everywhere', () => {
    const envs = BROKERS.map((n) => envOf(service(n)));
    const voters = BROKERS.map((n, i) => `${i + 1}@${n}:9093`).join(',');
    envs.forEach((e, i) => {
      const name = BROKERS[i]!;
      assert.equal(e.KAFKA_NODE_ID, String(i + 1), `${name}: node id`);
      assert.equal(e.KAFKA_PROCESS_ROLES, 'broker,controller');
      assert.equal(e.KAFKA_CONTROLLER_QUORUM_VOTERS, voters, `${name}: voters`);
      assert.equal(e.CLUSTER_ID, env.CLUSTER_KAFKA_CLUSTER_ID);
      assert.equal(e.KAFKA_LISTENERS, 'PLAINTEXT://:9092,CONTROLLER://:9093,PLAINTEXT_HOST://:9094');
      assert.equal(
        e.KAFKA_ADVERTISED_LISTENERS,
        `PLAINTEXT://${name}:9092,PLAINTEXT_HOST://localhost:${env[`CLUSTER_KAFKA_${i + 1}_HOST_PORT`]}`,
        `${name}: advertised listeners`,
      );
      for (const [key, value] of Object.entries({
        KAFKA_DEFAULT_REPLICATION_FACTOR: '3',
        KAFKA_MIN_INSYNC_REPLICAS: '2',
        KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '3',
        KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '3',
        KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '2',
        KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR: '3',
        KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR: '2',
      })) {
        assert.equal(e[key], value, `${name}: ${key}`);
      }
      assert.match(JSON.stringify(service(name).healthcheck?.test), /KAFKA_HEAP_OPTS=-Xmx\d+m .*kafka-broker-api-versions\.sh/);
    });
    assert.match(env.CLUSTER_KAFKA_CLUSTER_ID!, /^[A-Za-z0-9_-]{22}$/, 'a 22-char base64url UUID');
    assert.notEqual(env.CLUSTER_KAFKA_CLUSTER_ID, env.KAFKA_CLUSTER_ID, 'not the single-node cluster id');
    const racks = envs.map((e) => e.KAFKA_BROKER_RACK);
    assert.equal(new Set(racks).size, 3, `one rack per broker: ${racks.join(', ')}`);
  });

  test('schema registry: bootstraps from every broker and keeps _schemas at RF 3', () => {
    const e = envOf(service('schema-registry'));
    assert.equal(e.SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS, BROKERS.map((n) => `PLAINTEXT://${n}:9092`).join(','));
    assert.equal(e.SCHEMA_REGISTRY_KAFKASTORE_TOPIC, '_schemas');
    assert.equal(e.SCHEMA_REGISTRY_KAFKASTORE_TOPIC_REPLICATION_FACTOR, '3');
    assert.equal(e.SCHEMA_REGISTRY_PORT, undefined, 'SCHEMA_REGISTRY_PORT aborts the image');
  });

  test('connect: one group, its own advertised name per worker, internal topics at RF 3 with min.insync.replicas 2', () => {
    const [first, second] = WORKERS.map((n) => envOf(service(n)));
    const perWorker = ['CONNECT_REST_ADVERTISED_HOST_NAME'];
    const shared = (e: Record<string, string>) => Object.fromEntries(Object.entries(e).filter(([k]) => !perWorker.includes(k)));
    assert.deepEqual(shared(second!), shared(first!), 'the workers differ only in their advertised name');
    WORKERS.forEach((name, i) => {
      assert.equal([first, second][i]!.CONNECT_REST_ADVERTISED_HOST_NAME, name, `${name}: advertised host name`);
    });
    const e = first!;
    assert.equal(e.CONNECT_BOOTSTRAP_SERVERS, BROKERS.map((n) => `${n}:9092`).join(','));
    assert.ok(e.CONNECT_GROUP_ID);
    const topics = ['CONFIG', 'OFFSET', 'STATUS'].map((kind) => {
      assert.equal(e[`CONNECT_${kind}_STORAGE_REPLICATION_FACTOR`], '3', `${kind} topic replication factor`);
      // Passed to the topic as a topic config by DistributedConfig.topicSettings() (KIP-605).
      assert.equal(e[`CONNECT_${kind}_STORAGE_MIN_INSYNC_REPLICAS`], '2', `${kind} topic min.insync.replicas`);
      return e[`CONNECT_${kind}_STORAGE_TOPIC`];
    });
    assert.deepEqual(topics, ['_connect-configs', '_connect-offsets', '_connect-status']);
    assert.equal(e.CONNECT_VALUE_CONVERTER_SCHEMA_REGISTRY_URL, 'http://schema-registry:8081');
    assert.equal(e.CONNECT_CONFIG_PROVIDERS_ENV_CLASS, 'org.apache.kafka.common.config.provider.EnvVarConfigProvider');
    assert.equal(e.CLICKHOUSE_PASSWORD, env.CLICKHOUSE_PASSWORD);
    for (const name of WORKERS) {
      assert.deepEqual(service(name).healthcheck?.test, ['CMD', 'ub', 'connect-ready', 'localhost', '8083', '5']);
    }
  });

  test('clickhouse: shared and cluster config files mounted read-only, replica names, ulimits, no initdb', () => {
    const configFiles = [
      ['configs/clickhouse/config.d/logging.xml', '/etc/clickhouse-server/config.d/logging.xml'],
      ['configs/clickhouse/config.d/low-memory.xml', '/etc/clickhouse-server/config.d/low-memory.xml'],
      ['configs/clickhouse/users.d/low-memory-profile.xml', '/etc/clickhouse-server/users.d/low-memory-profile.xml'],
      ...['keeper.xml', 'macros.xml', 'remote-servers.xml'].map((f) => [
        `configs/clickhouse-cluster/clickhouse-server/config.d/${f}`,
        `/etc/clickhouse-server/config.d/${f}`,
      ]),
    ];
    for (const name of REPLICAS) {
      const s = service(name);
      for (const [source, target] of configFiles) {
        const mount = s.volumes?.find((v) => v.target === target);
        assert.ok(mount, `${name}: ${source} is not mounted at ${target}`);
        assert.deepEqual([mount.type, mount.source, mount.read_only], ['bind', join(repo, source!), true], `${name}: ${target}`);
      }
      assert.ok(!s.volumes?.some((v) => v.target === '/docker-entrypoint-initdb.d'), `${name}: the DDL runs ON CLUSTER from ${INIT}`);
      const e = envOf(s);
      assert.equal(e.REPLICA_NAME, name);
      assert.equal(e.CLICKHOUSE_USER, env.CLICKHOUSE_USER);
      assert.equal(e.CLICKHOUSE_PASSWORD, env.CLICKHOUSE_PASSWORD);
      assert.deepEqual(s.ulimits?.nofile, { soft: 262144, hard: 262144 });
      assert.match(JSON.stringify(s.healthcheck?.test), /\/ping/);
    }
    assert.deepEqual(
      service('clickhouse-1').networks?.default?.aliases,
      ['clickhouse'],
      'single-node connector configs reach clickhouse-1',
    );
    for (const name of KEEPERS) {
      const mount = service(name).volumes?.find((v) => v.target === '/etc/clickhouse-keeper/keeper_config.xml');
      assert.deepEqual([mount?.type, mount?.source, mount?.read_only], ['bind', keeperConfigFile, true], `${name}: keeper_config.xml`);
      assert.match(JSON.stringify(service(name).healthcheck?.test), /mntr.*zk_server_state/, `${name}: healthy means in a quorum`);
    }
  });

  test('ClickHouse and Keeper config files name exactly the services of the file', () => {
    const remote = readConfig('remote-servers.xml');
    const clusterName = /<remote_servers>\s*<(\w+)>/.exec(remote.replace(/<!--[\s\S]*?-->/g, ''))?.[1];
    assert.equal(clusterName, 'pipeline_cluster');
    const shards = blocks(remote, 'shard');
    assert.equal(shards.length, 1, 'one shard');
    assert.equal(textOf(shards[0]!, 'internal_replication'), 'true');
    const replicas = blocks(shards[0]!, 'replica');
    assert.deepEqual(
      replicas.map((r) => [textOf(r, 'host'), textOf(r, 'port'), fromEnv(r, 'user'), fromEnv(r, 'password')]),
      REPLICAS.map((n) => [n, '9000', 'CLICKHOUSE_USER', 'CLICKHOUSE_PASSWORD']),
      'replicas must be the ClickHouse services, logging in with the .env credentials from the environment',
    );

    const macros = readConfig('macros.xml');
    assert.equal(textOf(macros, 'cluster'), clusterName);
    assert.ok(textOf(macros, 'shard'), 'a shard macro');
    assert.equal(fromEnv(macros, 'replica'), 'REPLICA_NAME');
    assert.equal(fromEnv(macros, 'interserver_http_host'), 'REPLICA_NAME');

    const zookeeper = blocks(readConfig('keeper.xml'), 'zookeeper')[0] ?? '';
    assert.deepEqual(
      blocks(zookeeper, 'node').map((n) => [textOf(n, 'host'), textOf(n, 'port')]),
      KEEPERS.map((n) => [n, '9181']),
    );

    const keeper = readFileSync(keeperConfigFile, 'utf8');
    assert.equal(fromEnv(keeper, 'server_id'), 'KEEPER_SERVER_ID');
    assert.equal(textOf(keeper, 'tcp_port'), '9181');
    assert.deepEqual(
      blocks(keeper, 'server').map((s) => [textOf(s, 'id'), textOf(s, 'hostname'), textOf(s, 'port')]),
      KEEPERS.map((n) => [envOf(service(n)).KEEPER_SERVER_ID, n, '9234']),
      'raft peers must be the Keeper services with their KEEPER_SERVER_ID',
    );
    for (const path of ['log_storage_path', 'snapshot_storage_path']) {
      assert.match(textOf(keeper, path) ?? '', /^\/var\/lib\/clickhouse\//, `${path} must be on the keeper-N-data volume`);
    }
    assert.ok((textOf(keeper, 'four_letter_word_allow_list') ?? '').split(',').includes('mntr'), 'the healthcheck needs mntr');
  });

  test('no secrets: credentials only via variables, nowhere literal', () => {
    for (const [name, s] of Object.entries(raw.services)) {
      for (const [key, value] of Object.entries(s.environment ?? {})) {
        if (/PASSWORD|SECRET|TOKEN|CREDENTIAL/i.test(key)) {
          assert.match(String(value), /^\$\{[A-Z0-9_]+\}$/, `${name}: ${key} must come from a variable`);
        }
      }
    }
    const literal = new RegExp(env.CLICKHOUSE_PASSWORD!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    assert.doesNotMatch(rawText, literal, 'the local password is written in docker-compose.cluster.yml');
    for (const f of ['keeper.xml', 'macros.xml', 'remote-servers.xml']) assert.doesNotMatch(readConfig(f), literal, f);
  });

  test('.env.example: every variable the file uses is documented; the CLUSTER_* block is last and fully used', () => {
    // Compose interpolates keys and values, not comments: scan the parsed document's strings.
    const strings: string[] = [];
    const walk = (node: unknown): void => {
      if (typeof node === 'string') strings.push(node);
      else if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object')
        for (const [k, v] of Object.entries(node)) {
          strings.push(k);
          walk(v);
        }
    };
    walk(raw);
    const used = new Set(strings.flatMap((s) => [...s.replace(/\$\$/g, '').matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!)));
    for (const name of used) {
      assert.ok(name in env, `\${${name}} has no entry in .env.example`);
      assert.ok((envDoc.docs[name] ?? []).length > 0, `${name} in .env.example has no comment line above it`);
    }
    const names = Object.keys(env);
    const firstCluster = names.findIndex((n) => n.startsWith('CLUSTER_'));
    assert.ok(firstCluster > 0, 'no CLUSTER_* block');
    assert.deepEqual(
      names.slice(firstCluster).filter((n) => !n.startsWith('CLUSTER_')),
      [],
      'the cluster block must stay at the end of .env.example, after every single-node variable',
    );
    for (const name of names.slice(firstCluster)) assert.ok(used.has(name), `${name} is not used by docker-compose.cluster.yml`);
  });

  test('the panel reads the file as Compose does: same services, images and start-up graph', () => {
    const panel = parseCompose(rawText, env);
    assert.equal(panel.name, raw.name);
    assert.deepEqual(
      Object.fromEntries(panel.services.map((s) => [s.name, s.image])),
      Object.fromEntries(Object.entries(model.services).map(([n, s]) => [n, s.image])),
    );
    for (const s of panel.services) {
      assert.equal(s.hasHealthcheck, s.name !== INIT, `${s.name}: panel sees a healthcheck`);
      assert.deepEqual(
        Object.fromEntries(s.dependsOn.map((d) => [d.service, d.condition])),
        Object.fromEntries(Object.entries(model.services[s.name]!.depends_on ?? {}).map(([d, c]) => [d, c.condition])),
        `${s.name}: depends_on as the panel reads it`,
      );
    }
  });
});
