/**
 * The download/verify stage of configs/connect/Dockerfile, built for real with `docker build --target sink`
 * against a local mirror serving a zip with the release's layout: a pinned SHA-256 that matches passes, one
 * that does not fails the build, an empty one passes and prints the digest to pin. The download stage runs
 * on a FROM-scratch busybox image here because no registry is reachable; the commands are busybox's either way.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run, runAsync } from '../lib/compose-cli.ts';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const BUSYBOX = '/bin/busybox';
const FETCH_IMAGE = 'pipeline-test-busybox:1.0.0';
const VERSION = 'v1.5.0';

function skipReason(): string | undefined {
  if (run(['docker', 'info', '--format', '{{.ServerVersion}}'], { timeoutMs: 20_000 }).status !== 0) return 'no Docker Engine reachable';
  if (!existsSync(BUSYBOX)) return `${BUSYBOX} (Debian busybox-static) is not installed`;
  return undefined;
}

/** A stored (uncompressed) zip with one file, enough for busybox unzip. */
function zipOf(path: string, content: Buffer): Buffer {
  const name = Buffer.from(path);
  const crc = crc32(content);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(10, 4);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(content.length, 18);
  local.writeUInt32LE(content.length, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(10, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(content.length, 20);
  central.writeUInt32LE(content.length, 24);
  central.writeUInt16LE(name.length, 28);
  const localPart = Buffer.concat([local, name, content]);
  const centralPart = Buffer.concat([central, name]);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(centralPart.length, 12);
  end.writeUInt32LE(localPart.length, 16);
  return Buffer.concat([localPart, centralPart, end]);
}

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return (crc ^ 0xffffffff) >>> 0;
}

const reason = skipReason();
if (reason) console.log(`connect-image.test skipped: ${reason}`);

describe('configs/connect/Dockerfile download stage', { skip: reason }, () => {
  const work = mkdtempSync(join(tmpdir(), 'connect-image-'));
  const zip = zipOf(
    `clickhouse-kafka-connect-${VERSION}/lib/clickhouse-kafka-connect-${VERSION}-confluent.jar`,
    Buffer.from('not really a jar'),
  );
  const digest = createHash('sha256').update(zip).digest('hex');
  let server: Server;
  let mirror = '';

  before(async () => {
    copyFileSync(BUSYBOX, join(work, 'busybox'));
    writeFileSync(join(work, 'Dockerfile'), 'FROM scratch\nCOPY busybox /bin/busybox\nRUN ["/bin/busybox", "--install", "-s", "/bin"]\n');
    const built = run(['docker', 'build', '-q', '-t', FETCH_IMAGE, work], { timeoutMs: 300_000 });
    assert.equal(built.status, 0, built.stderr);
    server = createServer((req, res) => {
      if (req.url === `/${VERSION}/clickhouse-kafka-connect-${VERSION}.zip`) res.end(zip);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    mirror = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => {
    server?.close();
    run(['docker', 'image', 'rm', '-f', ...tags, FETCH_IMAGE], { timeoutMs: 60_000 });
    rmSync(work, { recursive: true, force: true });
  });

  const tags: string[] = [];
  const build = (sha256: string) => {
    const tag = `pipeline-test-connect-sink:1.0.0-${tags.length}`;
    tags.push(tag);
    return runAsync(
      [
        'docker',
        'build',
        '--force-rm',
        '--network',
        'host',
        '--target',
        'sink',
        '-t',
        tag,
        '--build-arg',
        `CONNECT_FETCH_IMAGE=${FETCH_IMAGE}`,
        '--build-arg',
        `CLICKHOUSE_SINK_VERSION=${VERSION}`,
        '--build-arg',
        `CLICKHOUSE_SINK_RELEASES_URL=${mirror}`,
        '--build-arg',
        `CLICKHOUSE_SINK_SHA256=${sha256}`,
        join(repo, 'configs/connect'),
      ],
      { timeoutMs: 300_000, env: { ...process.env, DOCKER_BUILDKIT: '0' } },
    );
  };

  test('a matching pinned digest passes and the plugin lands in its own directory', async () => {
    const result = await build(digest);
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /OK/);
    const listed = run(['docker', 'run', '--rm', tags[tags.length - 1]!, 'ls', `/plugins/clickhouse-kafka-connect-${VERSION}/lib`], {
      timeoutMs: 60_000,
    });
    assert.equal(listed.stdout.trim(), `clickhouse-kafka-connect-${VERSION}-confluent.jar`);
  });

  test('a wrong pinned digest fails the build', async () => {
    const result = await build('0'.repeat(64));
    assert.notEqual(result.status, 0, 'build passed with a wrong digest');
    assert.match(result.stdout + result.stderr, /FAILED/);
  });

  test('an empty digest builds but prints the digest to pin', async () => {
    const result = await build('');
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.match(result.stdout, new RegExp(`CLICKHOUSE_SINK_SHA256=${digest}`));
  });

  test('the Dockerfile copies exactly that directory into the plugin path', () => {
    const text = readFileSync(join(repo, 'configs/connect/Dockerfile'), 'utf8');
    assert.match(
      text,
      /COPY --from=sink[\s\\]+\/plugins\/clickhouse-kafka-connect-\$\{CLICKHOUSE_SINK_VERSION\}[\s\\]+\/usr\/share\/confluent-hub-components\/clickhouse-kafka-connect-\$\{CLICKHOUSE_SINK_VERSION\}/,
    );
  });
});
