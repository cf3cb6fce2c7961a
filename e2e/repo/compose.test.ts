/**
 * docker-compose.yml, loaded through a real Compose implementation with variables from .env.example,
 * must describe the stack the README promises: pinned images, health-based ordering, data on named volumes,
 * loopback-only host ports taken from variables, no secrets.
 */
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { cleanComposeEnv, findComposeCli, readDotEnv, run } from '../lib/compose-cli.ts';

const repo = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');
const composeFile = join(repo, 'docker-compose.yml');
const envExample = join(repo, '.env.example');

interface Mount {
  type: 'volume' | 'bind';
  source: string;
  target: string;
  readOnly: boolean;
}
interface Port {
  hostIp: string;
  published: string;
  target: string;
}
interface Service {
  image?: string;
  build?: { context: string; dockerfile?: string; args?: Record<string, string> };
  healthcheck?: { test?: string[] | string; disable?: boolean };
  depends_on?: Record<string, { condition?: string }>;
  environment: Record<string, string>;
  mounts: Mount[];
  ports: Port[];
  ulimits?: Record<string, { soft?: number; hard?: number } | number>;
  mem_limit?: string | number;
}
interface Project {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
}

function normalizeMount(raw: unknown): Mount {
  if (typeof raw === 'string') {
    // v1 short syntax: source:target[:mode]
    const [source = '', target = '', mode = 'rw'] = raw.split(':');
    return {
      type: source.startsWith('/') || source.startsWith('.') ? 'bind' : 'volume',
      source,
      target,
      readOnly: mode.split(',').includes('ro'),
    };
  }
  const m = raw as { type: string; source: string; target: string; read_only?: boolean };
  return { type: m.type === 'bind' ? 'bind' : 'volume', source: m.source, target: m.target, readOnly: m.read_only === true };
}

function normalizePort(raw: unknown): Port {
  if (typeof raw === 'string') {
    // v1: host_ip:published:target[/proto]
    const parts = raw.replace(/\/\w+$/, '').split(':');
    const target = parts.pop() ?? '';
    const published = parts.pop() ?? '';
    return { hostIp: parts.join(':'), published, target };
  }
  const p = raw as { host_ip?: string; published?: string | number; target: number };
  return { hostIp: p.host_ip ?? '', published: String(p.published ?? ''), target: String(p.target) };
}

// The Compose CLI's JSON model, loosely typed: the tests below assert on its fields.
type RawService = Omit<Service, 'environment' | 'mounts' | 'ports'> & {
  environment?: Record<string, unknown>;
  volumes?: unknown[];
  ports?: unknown[];
};
type RawModel = { services?: Record<string, RawService>; volumes?: Project['volumes'] };

function normalize(raw: RawModel): Project {
  const services: Record<string, Service> = {};
  for (const [name, s] of Object.entries(raw.services ?? {})) {
    const environment: Record<string, string> = {};
    for (const [k, v] of Object.entries(s.environment ?? {})) environment[k] = v === null || v === undefined ? '' : String(v);
    services[name] = {
      image: s.image,
      build: s.build,
      healthcheck: s.healthcheck,
      depends_on: s.depends_on,
      environment,
      mounts: (s.volumes ?? []).map(normalizeMount),
      ports: (s.ports ?? []).map(normalizePort),
      ulimits: s.ulimits,
      mem_limit: s.mem_limit,
    };
  }
  return { services, volumes: raw.volumes ?? {} };
}

const cli = findComposeCli({ allowV1: true });
const skipReason = cli ? undefined : 'no Compose CLI found (neither `docker compose` v2 nor `docker-compose`)';
if (skipReason) console.log(`compose.test skipped: ${skipReason}`);

describe('docker-compose.yml', { skip: skipReason }, () => {
  let project: Project;
  const envDoc = readDotEnv(envExample);
  const env = envDoc.values;
  const rawText = readFileSync(composeFile, 'utf8');
  const raw = parseYaml(rawText) as { services: Record<string, RawService> };

  before(() => {
    const c = cli!;
    const args =
      c.kind === 'v2'
        ? [...c.command, '--env-file', envExample, '-f', composeFile, 'config', '--format', 'json']
        : [...c.command, '--env-file', envExample, '-f', composeFile, 'config'];
    const result = run(args, { cwd: repo, env: cleanComposeEnv(repo) });
    assert.equal(result.status, 0, `${c.label} config failed: ${result.stderr || result.error}`);
    console.log(`compose.test: loaded with ${c.label} (${c.kind})`);
    project = normalize(c.kind === 'v2' ? JSON.parse(result.stdout) : parseYaml(result.stdout));
  });

  const service = (name: string): Service => {
    const s = project.services[name];
    assert.ok(s, `service ${name} is missing`);
    return s;
  };

  test('has exactly the stack services', () => {
    assert.deepEqual(Object.keys(project.services).sort(), ['clickhouse', 'connect', 'kafka', 'panel', 'schema-registry']);
  });

  test('every image is pinned to an exact version, never latest', () => {
    const exact = /^[a-z0-9][\w./-]*:(v?\d+\.\d+\.\d+[\w.-]*)$|@sha256:[0-9a-f]{64}$/;
    for (const [name, s] of Object.entries(project.services)) {
      assert.ok(s.image, `${name}: needs an image (built services need an explicit tag)`);
      assert.match(s.image, exact, `${name}: image "${s.image}" is not pinned to an exact version`);
      assert.doesNotMatch(s.image, /:latest$/, `${name}: image uses latest`);
    }
    for (const [name, s] of Object.entries(project.services)) {
      if (!s.build) continue;
      const dockerfile = join(s.build.context, s.build.dockerfile ?? 'Dockerfile');
      assert.ok(existsSync(dockerfile), `${name}: Dockerfile ${dockerfile} is missing`);
      const text = readFileSync(dockerfile, 'utf8');
      const argDefaults = Object.fromEntries([...text.matchAll(/^ARG\s+(\w+)=(\S*)/gm)].map((m) => [m[1], m[2]]));
      const stages = new Set([...text.matchAll(/^FROM\s+\S+\s+AS\s+(\S+)/gim)].map((m) => m[1]!.toLowerCase()));
      for (const [, from] of text.matchAll(/^FROM\s+(?:--platform=\S+\s+)?(\S+)/gim)) {
        if (stages.has(from!.toLowerCase())) continue;
        const argName = /^\$\{?(\w+)\}?$/.exec(from!)?.[1];
        const candidates = (argName ? [argDefaults[argName], s.build.args?.[argName]] : [from]).filter((c): c is string => Boolean(c));
        assert.ok(candidates.length > 0, `${name}: FROM ${from} has neither an ARG default nor a build arg`);
        for (const image of candidates) {
          assert.match(image, exact, `${name}: base image "${image}" (FROM ${from}) is not pinned exactly`);
        }
      }
    }
  });

  test('every long-running service has a healthcheck', () => {
    for (const [name, s] of Object.entries(project.services)) {
      assert.ok(s.healthcheck && !s.healthcheck.disable, `${name}: no healthcheck`);
      const testCmd = s.healthcheck.test;
      assert.ok(
        Array.isArray(testCmd) ? testCmd.length > 1 && testCmd[0] !== 'NONE' : typeof testCmd === 'string' && testCmd.length > 0,
        `${name}: empty healthcheck`,
      );
    }
  });

  test('startup is health-ordered: kafka → schema-registry → connect, clickhouse → connect; panel waits for nothing', () => {
    const graph = Object.fromEntries(
      Object.entries(project.services).map(([name, s]) => [
        name,
        Object.entries(s.depends_on ?? {})
          .map(([dep, d]) => `${dep}:${d.condition ?? 'service_started'}`)
          .sort(),
      ]),
    );
    assert.deepEqual(graph, {
      kafka: [],
      'schema-registry': ['kafka:service_healthy'],
      clickhouse: [],
      connect: ['clickhouse:service_healthy', 'kafka:service_healthy', 'schema-registry:service_healthy'],
      panel: [],
    });
  });

  test('data lives on named volumes where each image keeps it', () => {
    const expectVolume = (svc: string, volume: string, target: string) => {
      const mount = service(svc).mounts.find((m) => m.target === target);
      assert.ok(mount, `${svc}: nothing mounted at ${target}`);
      assert.equal(mount.type, 'volume', `${svc}: ${target} must be a named volume, not a bind mount`);
      assert.match(mount.source, new RegExp(`(^|_)${volume}$`), `${svc}: ${target} uses ${mount.source}, expected ${volume}`);
      assert.ok(volume in project.volumes, `volume ${volume} is not declared at top level`);
    };
    expectVolume('kafka', 'kafka-data', '/var/lib/kafka/data');
    expectVolume('clickhouse', 'clickhouse-data', '/var/lib/clickhouse');
    assert.equal(service('kafka').environment.KAFKA_LOG_DIRS, '/var/lib/kafka/data', 'KAFKA_LOG_DIRS must be the volume mount');
  });

  test('host ports come from variables and are bound to 127.0.0.1', () => {
    for (const [name, s] of Object.entries(raw.services)) {
      for (const p of s.ports ?? []) {
        assert.equal(typeof p, 'string', `${name}: use the short port syntax "127.0.0.1:\${VAR}:port"`);
        assert.match(
          p as string,
          /^127\.0\.0\.1:\$\{[A-Z0-9_]+\}:(\d+|\$\{[A-Z0-9_]+\})$/,
          `${name}: port "${p}" must be 127.0.0.1:\${VAR}:<container port>`,
        );
      }
    }
    const published: string[] = [];
    for (const [name, s] of Object.entries(project.services)) {
      for (const p of s.ports) {
        assert.equal(p.hostIp, '127.0.0.1', `${name}: port ${p.published} is not loopback-only`);
        published.push(p.published);
      }
    }
    assert.equal(new Set(published).size, published.length, `host ports clash: ${published.join(', ')}`);
    assert.deepEqual(
      service('kafka').ports.map((p) => p.published),
      [env.KAFKA_HOST_PORT],
    );
    assert.deepEqual(
      service('panel').ports.map((p) => [p.published, p.target]),
      [[env.PANEL_PORT, env.PANEL_PORT]],
    );
  });

  test('no secrets: credentials only via variables, .env never tracked', () => {
    for (const [name, s] of Object.entries(raw.services)) {
      for (const [key, value] of Object.entries<unknown>(s.environment ?? {})) {
        if (/PASSWORD|SECRET|TOKEN|CREDENTIAL/i.test(key)) {
          assert.match(String(value), /^\$\{[A-Z0-9_]+\}$/, `${name}: ${key} must come from a variable, not a literal`);
        }
      }
    }
    assert.doesNotMatch(
      rawText,
      new RegExp(env.CLICKHOUSE_PASSWORD!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')),
      'the local password is written literally in docker-compose.yml',
    );
    const gitignore = readFileSync(join(repo, '.gitignore'), 'utf8')
      .split('\n')
      .map((l) => l.trim());
    assert.ok(gitignore.includes('.env'), '.gitignore must list .env');
    const tracked = run(['git', 'ls-files', '--', '.env'], { cwd: repo, timeoutMs: 10_000 });
    if (tracked.status === 0) assert.equal(tracked.stdout.trim(), '', '.env is tracked by git');
    assert.match(envDoc.docs.CLICKHOUSE_PASSWORD!.join(' '), /local/i, '.env.example must say the password is local-only');
  });

  test('every ${VAR} in docker-compose.yml is documented in .env.example, and .env.example has no unused entries', () => {
    // .env.example also serves the cluster profile (docker-compose.cluster.yml, checked in cluster-compose.test.ts).
    const cluster = parseYaml(readFileSync(join(repo, 'docker-compose.cluster.yml'), 'utf8'), { merge: true }) as unknown;
    // PWD comes from the shell (the repo root), by design; see the panel service.
    const fromShell = new Set(['PWD']);
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
    walk(cluster);
    const used = new Set(
      strings.flatMap((text) => [...text.replace(/\$\$/g, '').matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!)),
    );
    for (const name of used) {
      if (fromShell.has(name)) continue;
      assert.ok(name in env, `\${${name}} has no entry in .env.example`);
      assert.ok((envDoc.docs[name] ?? []).length > 0, `${name} in .env.example has no comment line above it`);
    }
    for (const name of Object.keys(env)) assert.ok(used.has(name), `.env.example defines ${name} but neither compose file uses it`);
  });

  test('every service has a memory limit, and each heap (plus JVM or Node non-heap, plus in-container probe JVMs) fits in it', () => {
    const MiB = 1024 * 1024;
    /** Compose prints mem_limit in bytes; v1 (YAML) may keep "1280m". */
    const bytes = (value: string | number): number => {
      const m = /^(\d+(?:\.\d+)?)\s*([bkmg]?)b?$/i.exec(String(value).trim());
      assert.ok(m, `cannot read the size "${value}"`);
      return Number(m[1]) * { '': 1, b: 1, k: 1024, m: MiB, g: 1024 * MiB }[m[2]!.toLowerCase() as '' | 'b' | 'k' | 'm' | 'g'];
    };
    const xmx = (text: string) => [...text.matchAll(/-Xmx(\d+)([kmg])/gi)].map((m) => bytes(`${m[1]}${m[2]}`));
    const JVM_NON_HEAP = 256 * MiB;
    const NODE_NON_HEAP = 128 * MiB;
    const jvmServices = ['kafka', 'schema-registry', 'connect'];
    for (const [name, s] of Object.entries(project.services)) {
      assert.ok(s.mem_limit, `${name}: no mem_limit (set it from a *_MEM_LIMIT variable in .env)`);
      const limit = bytes(s.mem_limit);
      const heaps = Object.values(s.environment).flatMap(xmx);
      const probeHeaps = xmx(JSON.stringify(s.healthcheck?.test ?? ''));
      const node = /--max-old-space-size=(\d+)/.exec(s.environment.NODE_OPTIONS ?? '');
      if (jvmServices.includes(name)) assert.ok(heaps.length > 0, `${name}: its JVM heap must be capped (-Xmx) so it fits the limit`);
      if (name === 'panel') assert.ok(node, 'panel: NODE_OPTIONS must cap the Node heap (--max-old-space-size)');
      const jvms = [...heaps, ...probeHeaps];
      const needed = jvms.reduce((sum, heap) => sum + heap + JVM_NON_HEAP, 0) + (node ? Number(node[1]) * MiB + NODE_NON_HEAP : 0);
      assert.ok(
        needed <= limit,
        `${name}: heap(s) ${jvms.map((h) => h / MiB)} MiB${node ? ` + Node ${node[1]} MiB` : ''} plus non-heap need ${needed / MiB} MiB, over mem_limit ${limit / MiB} MiB`,
      );
    }
  });

  test('kafka: KRaft combined node with container + host listeners and RF 1 internals', () => {
    const e = service('kafka').environment;
    assert.equal(e.KAFKA_PROCESS_ROLES, 'broker,controller');
    assert.equal(e.CLUSTER_ID, env.KAFKA_CLUSTER_ID);
    assert.match(e.CLUSTER_ID!, /^[A-Za-z0-9_-]{22}$/, 'CLUSTER_ID must be a 22-char base64url UUID');
    assert.equal(e.KAFKA_CONTROLLER_QUORUM_VOTERS, `${e.KAFKA_NODE_ID}@kafka:9093`);
    assert.equal(e.KAFKA_ADVERTISED_LISTENERS, `PLAINTEXT://kafka:9092,PLAINTEXT_HOST://localhost:${env.KAFKA_HOST_PORT}`);
    assert.equal(service('kafka').ports[0]?.target, '9094', 'host port must reach the PLAINTEXT_HOST listener');
    for (const key of [
      'KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR',
      'KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR',
      'KAFKA_TRANSACTION_STATE_LOG_MIN_ISR',
      'KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR',
    ]) {
      assert.equal(e[key], '1', key);
    }
    assert.ok(e.KAFKA_HEAP_OPTS, 'broker heap must be set');
    const probe = JSON.stringify(service('kafka').healthcheck?.test);
    assert.match(probe, /KAFKA_HEAP_OPTS=-Xmx\d+m/, 'the CLI healthcheck must cap its own heap (it inherits the broker env)');
  });

  test('clickhouse: credentials from .env, config files mounted, ulimits, memory cap, init SQL', () => {
    const ch = service('clickhouse');
    assert.equal(ch.environment.CLICKHOUSE_USER, env.CLICKHOUSE_USER);
    assert.notEqual(ch.environment.CLICKHOUSE_USER, 'default');
    assert.ok(ch.environment.CLICKHOUSE_PASSWORD, 'a password is required for the sink to log in over the network');
    const nofile = ch.ulimits?.nofile as { soft: number; hard: number };
    assert.deepEqual([Number(nofile.soft), Number(nofile.hard)], [262144, 262144]);
    assert.ok(ch.mem_limit, 'mem_limit is required');
    for (const dir of ['config.d', 'users.d']) {
      for (const file of readdirSync(join(repo, 'configs/clickhouse', dir))) {
        const target = `/etc/clickhouse-server/${dir}/${file}`;
        const mount = ch.mounts.find((m) => m.target === target);
        assert.ok(mount, `configs/clickhouse/${dir}/${file} is not mounted at ${target}`);
        assert.equal(mount.type, 'bind');
        assert.ok(mount.readOnly, `${target} should be read-only`);
      }
    }
    const init = ch.mounts.find((m) => m.target === '/docker-entrypoint-initdb.d');
    assert.ok(init && init.source.endsWith('/sql'), 'sql/ must be mounted at /docker-entrypoint-initdb.d');
    assert.deepEqual(ch.healthcheck?.test, ['CMD', 'wget', '-q', '-O-', 'http://127.0.0.1:8123/ping']);
  });

  test('connect: built from configs/connect with the pinned sink, explicit internal topics, env config provider', () => {
    const c = service('connect');
    assert.ok(c.build, 'connect must be built from configs/connect/Dockerfile');
    assert.ok(c.build.context.endsWith('/configs/connect'), `build context is ${c.build.context}`);
    assert.equal(c.build.args?.CLICKHOUSE_SINK_VERSION, env.CLICKHOUSE_SINK_VERSION);
    assert.match(env.CLICKHOUSE_SINK_VERSION!, /^v\d+\.\d+\.\d+$/);
    assert.doesNotMatch(c.build.args?.CONNECT_BASE_IMAGE ?? '', /:8\.1\.0$/, 'cp-kafka-connect 8.1.0 fails at start');
    const e = c.environment;
    const topics = ['CONFIG', 'OFFSET', 'STATUS'].map((kind) => {
      assert.ok(e[`CONNECT_${kind}_STORAGE_TOPIC`], `CONNECT_${kind}_STORAGE_TOPIC must be explicit`);
      assert.equal(e[`CONNECT_${kind}_STORAGE_REPLICATION_FACTOR`], '1', `${kind} topic replication factor`);
      return e[`CONNECT_${kind}_STORAGE_TOPIC`];
    });
    assert.equal(new Set(topics).size, 3, 'internal topics must be distinct');
    assert.ok(
      Number(e.CONNECT_OFFSET_STORAGE_PARTITIONS) >= 1 && Number(e.CONNECT_STATUS_STORAGE_PARTITIONS) >= 1,
      'partitions must be explicit',
    );
    assert.equal(e.CONNECT_VALUE_CONVERTER, 'io.confluent.connect.avro.AvroConverter');
    assert.equal(e.CONNECT_VALUE_CONVERTER_SCHEMA_REGISTRY_URL, 'http://schema-registry:8081');
    assert.equal(e.CONNECT_CONFIG_PROVIDERS, 'env');
    assert.equal(e.CONNECT_CONFIG_PROVIDERS_ENV_CLASS, 'org.apache.kafka.common.config.provider.EnvVarConfigProvider');
    assert.equal(e.CLICKHOUSE_PASSWORD, env.CLICKHOUSE_PASSWORD, 'the worker needs the password in its env for ${env:CLICKHOUSE_PASSWORD}');
    assert.ok(e.CONNECT_LOG4J_ROOT_LOGLEVEL && e.CONNECT_LOG4J_LOGGERS, 'Connect log levels must be set');
    assert.deepEqual(c.healthcheck?.test, ['CMD', 'ub', 'connect-ready', 'localhost', '8083', '5']);
    assert.deepEqual(service('schema-registry').healthcheck?.test, ['CMD', 'ub', 'sr-ready', 'localhost', '8081', '5']);
    assert.equal(service('schema-registry').environment.SCHEMA_REGISTRY_PORT, undefined, 'SCHEMA_REGISTRY_PORT aborts the SR image');
  });

  test('connect Dockerfile verifies the sink zip when a SHA-256 is pinned', () => {
    const text = readFileSync(join(repo, 'configs/connect/Dockerfile'), 'utf8');
    assert.match(text, /sha256sum -c/);
    assert.match(text, /clickhouse-kafka-connect-\$\{CLICKHOUSE_SINK_VERSION\}\.zip/);
    assert.ok('CLICKHOUSE_SINK_SHA256' in env, '.env.example must offer CLICKHOUSE_SINK_SHA256');
  });

  test('panel: built from configs/panel, sees Docker and the repo at the host path, talks to services by name', () => {
    const p = service('panel');
    assert.equal(p.build?.context, repo);
    assert.equal(p.build?.dockerfile, 'configs/panel/Dockerfile');
    assert.ok(
      p.mounts.some((m) => m.source === '/var/run/docker.sock' && m.target === '/var/run/docker.sock'),
      'Docker socket not mounted',
    );
    const repoMount = p.mounts.find((m) => m.target === p.environment.PANEL_PROJECT_DIR);
    assert.ok(repoMount, 'PANEL_PROJECT_DIR must be where the repo is mounted');
    assert.equal(repoMount.source, repo, 'the repo must be mounted at its host path');
    assert.equal(repoMount.target, repo, 'the repo must be mounted at the same path as on the host');
    assert.deepEqual(Object.fromEntries(Object.entries(p.environment).filter(([k]) => k !== 'PANEL_PROJECT_DIR')), {
      PANEL_HOST: '0.0.0.0',
      PANEL_PORT: env.PANEL_PORT,
      PANEL_TOKEN: env.PANEL_TOKEN,
      COMPOSE_PROJECT_NAME: env.COMPOSE_PROJECT_NAME,
      PANEL_KAFKA_BROKERS: 'kafka:9092',
      PANEL_SCHEMA_REGISTRY_URL: 'http://schema-registry:8081',
      PANEL_CONNECT_URL: 'http://connect:8083',
      PANEL_CLICKHOUSE_URL: 'http://clickhouse:8123',
      PANEL_CLICKHOUSE_USER: env.CLICKHOUSE_USER,
      PANEL_CLICKHOUSE_PASSWORD: env.CLICKHOUSE_PASSWORD,
      NODE_OPTIONS: `--max-old-space-size=${env.PANEL_HEAP_MB}`,
    });
    assert.match(JSON.stringify(p.healthcheck?.test), /\/api\/health/);
    assert.equal(env.PANEL_PORT, '8420');
    assert.equal(env.COMPOSE_PROJECT_NAME, 'pipeline');
  });
});
