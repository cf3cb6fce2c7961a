import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { findRepoRoot, loadConfig } from './config.ts';

function projectDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'panel-config-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('loadConfig', () => {
  test('defaults: loopback, 8420, stack URLs from .env ports, project from .env', () => {
    const dir = projectDir({
      '.env': 'COMPOSE_PROJECT_NAME=pipeline\nKAFKA_HOST_PORT=19094\nCLICKHOUSE_USER=panel\nCLICKHOUSE_PASSWORD=pw\n',
      '.env.example': 'SCHEMA_REGISTRY_HOST_PORT=18081\nCONNECT_PORT=18083\n',
      'docker-compose.yml': 'services:\n  a:\n    image: x\n',
    });
    const config = loadConfig({ PANEL_PROJECT_DIR: dir }, '/');
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.port, 8420);
    assert.equal(config.project, 'pipeline');
    assert.deepEqual(config.kafkaBrokers, ['localhost:19094']);
    assert.equal(config.schemaRegistryUrl, 'http://localhost:18081');
    assert.equal(config.connectUrl, 'http://localhost:18083');
    assert.equal(config.clickhouseUrl, 'http://localhost:8123');
    assert.deepEqual([config.clickhouseUser, config.clickhousePassword], ['panel', 'pw']);
    assert.equal(config.token, null);
    assert.deepEqual(config.allowedHosts.slice(0, 3), ['127.0.0.1:8420', 'localhost:8420', '[::1]:8420']);
  });

  test("the compose file in use: PANEL_COMPOSE_FILE, else Compose's COMPOSE_FILE; its variant picks sql/ and connectors/", () => {
    const dir = projectDir({ 'docker-compose.yml': 'services:\n  a:\n    image: x\n' });
    mkdirSync(join(dir, 'sql', 'cluster'), { recursive: true });
    const plain = loadConfig({ PANEL_PROJECT_DIR: dir }, '/');
    assert.deepEqual([plain.composeFile, plain.fileVariant], ['docker-compose.yml', null]);
    const cluster = loadConfig({ PANEL_PROJECT_DIR: dir, COMPOSE_FILE: 'docker-compose.cluster.yml:extra.yml' }, '/');
    assert.deepEqual([cluster.composeFile, cluster.fileVariant], ['docker-compose.cluster.yml', 'cluster']);
    const explicit = loadConfig({ PANEL_PROJECT_DIR: dir, PANEL_COMPOSE_FILE: 'docker-compose.cluster.yml', COMPOSE_FILE: 'x.yml' }, '/');
    assert.deepEqual([explicit.composeFile, explicit.fileVariant], ['docker-compose.cluster.yml', 'cluster']);
  });

  test('project name falls back to the compose name, then the directory name', () => {
    const named = projectDir({ 'docker-compose.yml': 'name: fromfile\nservices:\n  a:\n    image: x\n' });
    assert.equal(loadConfig({ PANEL_PROJECT_DIR: named }, '/').project, 'fromfile');
    const parent = mkdtempSync(join(tmpdir(), 'panel-config-'));
    mkdirSync(join(parent, 'My_Stack'));
    assert.equal(loadConfig({ PANEL_PROJECT_DIR: join(parent, 'My_Stack') }, '/').project, 'my_stack');
    assert.equal(loadConfig({ PANEL_PROJECT_DIR: named, COMPOSE_PROJECT_NAME: 'env' }, '/').project, 'env');
  });

  test('extra origins extend the allow-lists; bad values are all reported', () => {
    const dir = projectDir({});
    const config = loadConfig({ PANEL_PROJECT_DIR: dir, PANEL_PORT: '9000', PANEL_ALLOWED_ORIGINS: 'http://panel.test:8080/' }, '/');
    assert.ok(config.allowedOrigins.includes('http://panel.test:8080'));
    assert.ok(config.allowedHosts.includes('panel.test:8080'));
    assert.throws(
      () => loadConfig({ PANEL_PROJECT_DIR: dir, PANEL_PORT: 'x', PANEL_ALLOWED_ORIGINS: 'nope', PANEL_TOKEN: 'short' }, '/'),
      (e: Error & { code?: string }) =>
        e.code === 'CONFIG_INVALID' &&
        /PANEL_PORT/.test(e.message) &&
        /PANEL_ALLOWED_ORIGINS/.test(e.message) &&
        /PANEL_TOKEN/.test(e.message),
    );
  });

  test('the repo root is found by walking up to pnpm-workspace.yaml', () => {
    const root = findRepoRoot(process.cwd());
    assert.ok(root);
    assert.equal(loadConfig({}, join(root, 'server')).projectDir, root);
  });

  test('the figures window: 15 min by default, PANEL_FIGURES_WINDOW_MS within 20 s .. 2 h', () => {
    const dir = projectDir({ 'docker-compose.yml': 'services:\n  a:\n    image: x\n' });
    assert.equal(loadConfig({ PANEL_PROJECT_DIR: dir }, '/').figuresWindowMs, 900_000);
    assert.equal(loadConfig({ PANEL_PROJECT_DIR: dir, PANEL_FIGURES_WINDOW_MS: '40000' }, '/').figuresWindowMs, 40_000);
    assert.throws(
      () => loadConfig({ PANEL_PROJECT_DIR: dir, PANEL_FIGURES_WINDOW_MS: '5000' }, '/'),
      (error: Error) => error.message.includes('PANEL_FIGURES_WINDOW_MS'),
    );
  });
});
