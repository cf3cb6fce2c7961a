import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseCompose } from './parse.ts';
import { normalizeProjectName, resolveProjectName } from './project-name.ts';

const compose = `
name: \${STACK_NAME:-demo}
services:
  kafka:
    image: apache/kafka:\${KAFKA_VERSION:-4.1.0}
    healthcheck:
      test: ["CMD-SHELL", "echo $$HOSTNAME"]
  registry:
    image: registry
    depends_on: [kafka]
  connect:
    image: connect
    healthcheck:
      test: ["NONE"]
    depends_on:
      kafka:
        condition: service_healthy
      registry:
        condition: service_started
        restart: true
  init:
    image: busybox
    healthcheck:
      disable: true
    depends_on:
      connect: {}
`;

describe('parseCompose', () => {
  test('services, images with .env interpolation, healthchecks and both depends_on forms', () => {
    const model = parseCompose(compose, { KAFKA_VERSION: '4.0.0' });
    assert.equal(model.name, 'demo');
    assert.deepEqual(
      model.services.map((s) => [s.name, s.image, s.hasHealthcheck]),
      [
        ['kafka', 'apache/kafka:4.0.0', true],
        ['registry', 'registry', false],
        ['connect', 'connect', false],
        ['init', 'busybox', false],
      ],
    );
    assert.deepEqual(model.services[1]!.dependsOn, [{ service: 'kafka', condition: 'service_started' }]);
    assert.deepEqual(model.services[2]!.dependsOn, [
      { service: 'kafka', condition: 'service_healthy' },
      { service: 'registry', condition: 'service_started' },
    ]);
    assert.deepEqual(model.services[3]!.dependsOn, [{ service: 'connect', condition: 'service_started' }]);
  });

  test('rejects an unknown condition, a missing services key and bad YAML with COMPOSE_INVALID', () => {
    const bad = 'services:\n  a:\n    depends_on:\n      b:\n        condition: service_ready\n';
    assert.throws(
      () => parseCompose(bad, {}),
      (e: Error & { code?: string }) => e.code === 'COMPOSE_INVALID' && /service_ready/.test(e.message),
    );
    assert.throws(() => parseCompose('version: "3"\n', {}), /no "services"/);
    assert.throws(() => parseCompose('services: [\n', {}), /not valid YAML/);
  });

  test('resolves `<<` merge keys as Compose does (x- fragments shared by several services)', () => {
    const merged = `
x-node: &node
  image: apache/kafka:\${KAFKA_VERSION:-4.1.0}
  healthcheck:
    test: ["CMD", "true"]
x-up: &up
  kafka-1:
    condition: service_healthy
services:
  kafka-1:
    <<: *node
  app:
    <<: *node
    image: app
    depends_on:
      <<: *up
      db:
        condition: service_started
  db:
    image: db
`;
    const model = parseCompose(merged, {});
    assert.deepEqual(
      model.services.map((s) => [s.name, s.image, s.hasHealthcheck]),
      [
        ['kafka-1', 'apache/kafka:4.1.0', true],
        ['app', 'app', true],
        ['db', 'db', false],
      ],
    );
    assert.deepEqual(model.services[1]!.dependsOn, [
      { service: 'kafka-1', condition: 'service_healthy' },
      { service: 'db', condition: 'service_started' },
    ]);
  });

  test('a required variable that is missing names the variable', () => {
    assert.throws(() => parseCompose('services:\n  a:\n    image: ${IMG:?set IMG}\n', {}), /IMG/);
  });
});

describe('project name', () => {
  test('normalised as Compose does', () => {
    assert.equal(normalizeProjectName('My.Project_1'), 'myproject_1');
    assert.equal(normalizeProjectName('-_x'), 'x');
  });

  test('env, then .env, then compose name, then directory', () => {
    const base = { processEnv: {}, dotEnv: {}, composeName: null, projectDir: '/tmp/Some Dir' };
    assert.equal(resolveProjectName(base), 'somedir');
    assert.equal(resolveProjectName({ ...base, composeName: 'named' }), 'named');
    assert.equal(resolveProjectName({ ...base, composeName: 'named', dotEnv: { COMPOSE_PROJECT_NAME: 'dot' } }), 'dot');
    assert.equal(
      resolveProjectName({ ...base, processEnv: { COMPOSE_PROJECT_NAME: 'proc' }, dotEnv: { COMPOSE_PROJECT_NAME: 'dot' } }),
      'proc',
    );
  });
});

describe('ports', () => {
  test('short and long forms, IPv6 hosts, and ranges expanded one port each as Compose does', () => {
    const model = parseCompose(
      [
        'services:',
        '  a:',
        '    image: x',
        '    ports:',
        '      - "8080"',
        '      - "9094:9094/udp"',
        '      - "127.0.0.1:8000-8001:9000-9001"',
        '      - "[::1]:5432:5432"',
        '      - { target: 80, published: "8081", host_ip: 127.0.0.1 }',
      ].join('\n'),
      {},
    );
    assert.deepEqual(
      model.services[0]!.ports.map((p) => `${p.hostIp ?? '*'}:${p.published ?? '-'}:${p.target}/${p.protocol}`),
      [
        '*:-:8080/tcp',
        '*:9094:9094/udp',
        '127.0.0.1:8000:9000/tcp',
        '127.0.0.1:8001:9001/tcp',
        '::1:5432:5432/tcp',
        '127.0.0.1:8081:80/tcp',
      ],
    );
    assert.throws(() => parseCompose('services:\n  a:\n    ports: ["80:90:100:7"]\n', {}), /is not \[HOST_IP:\]/);
  });
});
