/**
 * Extra Connect plugins for the harness worker — above all the official ClickHouse sink, which is not on Maven Central.
 *
 *  - HARNESS_CONNECT_PLUGINS=/path/to/dir: a directory of Connect plugins, added to the worker's plugin.path as is.
 *  - HARNESS_CONNECT_PLUGINS=/path/to/clickhouse-kafka-connect-v1.5.0.zip: the sink's release zip, unpacked into the
 *    harness work dir and added to plugin.path (the zip holds clickhouse-kafka-connect-<tag>/lib/*.jar; Connect
 *    collects a plugin directory's jars recursively).
 *  - Otherwise the zip `harness prepare` fetched, when it was asked to (HARNESS_FETCH_SINK_RELEASE=1) and the digest
 *    matched the pin CLICKHOUSE_SINK_SHA256 in .env.example — the same pin configs/connect/Dockerfile checks.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { unzipSync } from 'fflate';
import { harnessSourceDir, harnessStateDir } from './paths.ts';

export const SINK_VERSION = 'v1.5.0';
const SINK_ZIP = `clickhouse-kafka-connect-${SINK_VERSION}.zip`;
const SINK_RELEASE_URL = `https://github.com/ClickHouse/clickhouse-kafka-connect/releases/download/${SINK_VERSION}/${SINK_ZIP}`;
const fetchedZip = join(harnessStateDir, 'sink-release', SINK_ZIP);
const repoRoot = resolve(harnessSourceDir, '..', '..');

/** CLICKHOUSE_SINK_SHA256 from .env.example (empty until someone who could download the zip pins it). */
export function pinnedSinkSha256(): string {
  const text = readFileSync(join(repoRoot, '.env.example'), 'utf8');
  return /^CLICKHOUSE_SINK_SHA256=([0-9a-fA-F]*)\s*$/m.exec(text)?.[1]?.toLowerCase() ?? '';
}

/** How a user gives the harness the sink (one line, for skips and errors). */
export const GIVE_SINK_HINT = `HARNESS_CONNECT_PLUGINS=/path/to/${SINK_ZIP} pnpm test`;

/**
 * `harness prepare` with HARNESS_FETCH_SINK_RELEASE=1: downloads the release zip once and checks it against the pin.
 * Off by default (the project's build machines reach package registries only); unreachable → one line, no failure.
 */
export async function fetchSinkRelease(log: (line: string) => void): Promise<void> {
  if (process.env.HARNESS_FETCH_SINK_RELEASE !== '1' || process.env.HARNESS_CONNECT_PLUGINS || existsSync(fetchedZip)) return;
  let bytes: Buffer;
  try {
    const res = await fetch(SINK_RELEASE_URL, { signal: AbortSignal.timeout(60_000) });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    bytes = Buffer.from(await res.arrayBuffer());
  } catch (error) {
    log(`harness: ClickHouse sink release not fetched (${(error as Error).message}); give it with ${GIVE_SINK_HINT}`);
    return;
  }
  const digest = createHash('sha256').update(bytes).digest('hex');
  const pin = pinnedSinkSha256();
  if (pin && pin !== digest)
    throw new Error(`${SINK_ZIP}: sha256 ${digest} differs from CLICKHOUSE_SINK_SHA256=${pin} (.env.example); not using it`);
  if (!pin)
    log(`harness: WARNING ${SINK_ZIP} sha256=${digest} NOT checked: CLICKHOUSE_SINK_SHA256 in .env.example is empty; verify and pin it`);
  mkdirSync(dirname(fetchedZip), { recursive: true });
  writeFileSync(fetchedZip, bytes);
  log(`harness: fetched ${SINK_ZIP}`);
}

/** plugin.path entries for the extra plugins (none when nothing was given). */
export function extraPluginPaths(workDir: string): string[] {
  const given = process.env.HARNESS_CONNECT_PLUGINS;
  const source = given ? resolve(given) : existsSync(fetchedZip) ? fetchedZip : undefined;
  if (!source) return [];
  if (!existsSync(source)) throw new Error(`HARNESS_CONNECT_PLUGINS=${given}: no such file or directory`);
  if (statSync(source).isDirectory()) return [source];
  if (!source.endsWith('.zip')) throw new Error(`HARNESS_CONNECT_PLUGINS=${given}: expected a directory of plugins or a .zip`);
  const target = join(workDir, 'connect', 'extra-plugins');
  rmSync(target, { recursive: true, force: true });
  for (const [name, data] of Object.entries(unzipSync(readFileSync(source)))) {
    const path = resolve(target, name);
    if (!path.startsWith(`${target}/`)) throw new Error(`${source}: entry ${name} points outside the plugin directory`);
    if (name.endsWith('/')) mkdirSync(path, { recursive: true });
    else {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, data);
    }
  }
  return [target];
}
