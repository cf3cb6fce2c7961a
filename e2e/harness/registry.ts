import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './ports.ts';
import { javaBinary, startProcess, waitUntil, type ServiceProcess } from './process.ts';

export interface Registry {
  /** Base URL of the Confluent-compatible API: what a Schema Registry client (and ClickHouse's AvroConfluent) uses. */
  url: string;
  process: ServiceProcess;
}

/** Apicurio Registry 2.1.5.Final's Confluent-compatible API path (3.x would serve /apis/ccompat/v7; see registry/pom.xml). */
export const ccompatPath = '/apis/ccompat/v6';

/** Apicurio Registry (in-memory H2 storage) run from the Quarkus runner jar that harness/registry/pom.xml builds. */
export async function startRegistry(opts: { runnerJar: string; workDir: string; timeoutMs: number }): Promise<Registry> {
  const dir = join(opts.workDir, 'registry');
  mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const logFile = join(dir, 'registry.log');
  const proc = startProcess(
    'apicurio registry',
    javaBinary(),
    [
      '-Xmx256m',
      '-Xms64m',
      '-XX:+UseSerialGC',
      `-Dquarkus.http.host=127.0.0.1`,
      `-Dquarkus.http.port=${port}`,
      // Apicurio's default JDBC pool opens 20 H2 connections up front; a test needs a couple.
      '-Dquarkus.datasource.jdbc.initial-size=2',
      '-Dquarkus.datasource.jdbc.min-size=2',
      '-jar',
      opts.runnerJar,
    ],
    { cwd: dir, logFile },
  );
  const url = `${base}${ccompatPath}`;
  await waitUntil(
    { name: 'apicurio registry', logFile, exited: proc.exited },
    `GET ${ccompatPath}/subjects answered 200`,
    async () => {
      const res = await fetch(`${url}/subjects`, { signal: AbortSignal.timeout(2000) });
      return res.ok;
    },
    opts.timeoutMs,
  );
  // Confluent Schema Registry's global default is BACKWARD; Apicurio's ccompat API reports NONE until told otherwise.
  const res = await fetch(`${url}/config`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/vnd.schemaregistry.v1+json' },
    body: JSON.stringify({ compatibility: 'BACKWARD' }),
  });
  if (!res.ok) throw new Error(`apicurio registry: PUT /config BACKWARD answered ${res.status}: ${await res.text()}; log: ${logFile}`);
  return { url, process: proc };
}
