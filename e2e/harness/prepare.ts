import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { harnessSourceDir, harnessStateDir } from './paths.ts';
import { javaBinary, runToCompletion } from './process.ts';

export interface PreparedJars {
  /** Directory holding the Kafka broker + Connect classpath (kafka_2.13, connect-runtime, connect-file, connect-json …). */
  kafkaJarsDir: string;
  /** Apicurio Registry's Quarkus runner jar (its lib/ sits beside it). */
  registryRunnerJar: string;
  /** A plugin.path entry holding the harness's own Connect plugins (Apicurio's converter). */
  connectPluginsDir: string;
  /** Classpath of the ClickHouse Java clients probe (harness/java): its jar and lib/*. */
  javaClientsClasspath: string;
}

const settings = join(harnessSourceDir, 'maven-settings.xml');

/**
 * Fetches (once) the pinned jars the harness runs: the Apache Kafka jars from harness/jars/pom.xml, Apicurio
 * Registry built from harness/registry/pom.xml, Apicurio's Connect converter (harness/converter/pom.xml) as a plugin,
 * and the ClickHouse Java clients probe compiled from harness/java. A marker keyed by the pom's (and sources') content makes later calls
 * a no-op; editing one refetches. Maven's own cache (~/.m2) is reused across machines that keep it.
 */
export async function prepareJars(log: (line: string) => void = () => {}): Promise<PreparedJars> {
  mkdirSync(harnessStateDir, { recursive: true });
  // One after the other: two Maven runs writing the same ~/.m2 at once can corrupt shared artifacts.
  const kafkaJarsDir = await fetchOnce('kafka-jars', join(harnessSourceDir, 'jars', 'pom.xml'), log, (out, pom, logFile) =>
    maven(['-f', pom, 'dependency:copy-dependencies', `-DoutputDirectory=${out}`, '-DincludeScope=runtime'], logFile),
  );
  const registryDir = await fetchOnce('apicurio-registry', join(harnessSourceDir, 'registry', 'pom.xml'), log, (out, pom, logFile) =>
    maven(['-f', pom, 'package', `-Dharness.build.dir=${out}`], logFile),
  );
  const connectPluginsDir = join(harnessStateDir, 'connect-plugins');
  await fetchOnce(
    join('connect-plugins', 'apicurio-converter'),
    join(harnessSourceDir, 'converter', 'pom.xml'),
    log,
    async (out, pom, logFile) => {
      await maven(['-f', pom, 'dependency:copy-dependencies', `-DoutputDirectory=${out}`, '-DincludeScope=runtime'], logFile);
      // The converter's jars carry no ServiceLoader manifest; Kafka's own tool (KIP-898) adds one, so the worker's
      // fast plugin.discovery=service_load finds it.
      await runToCompletion(
        'connect-plugin-path sync-manifests',
        javaBinary(),
        ['-cp', join(kafkaJarsDir, '*'), 'org.apache.kafka.tools.ConnectPluginPath', 'sync-manifests', '--plugin-location', out],
        { cwd: harnessStateDir, logFile, timeoutMs: 5 * 60_000 },
      );
    },
  );
  const javaDir = join(harnessSourceDir, 'java');
  const javaOut = await fetchOnce('java-clients', [join(javaDir, 'pom.xml'), ...javaSources(javaDir)], log, (out, _pom, logFile) =>
    maven(['-f', join(javaDir, 'pom.xml'), 'package', `-Dharness.build.dir=${out}`], logFile),
  );
  return {
    kafkaJarsDir,
    registryRunnerJar: join(registryDir, 'harness-apicurio-registry-1-runner.jar'),
    connectPluginsDir,
    javaClientsClasspath: [join(javaOut, 'harness-clickhouse-clients-probe-1.jar'), join(javaOut, 'lib', '*')].join(':'),
  };
}

function javaSources(dir: string): string[] {
  const sources = join(dir, 'src', 'main', 'java', 'harness');
  return readdirSync(sources)
    .filter((f) => f.endsWith('.java'))
    .sort()
    .map((f) => join(sources, f));
}

async function fetchOnce(
  name: string,
  inputs: string | string[],
  log: (line: string) => void,
  fetch: (outDir: string, pom: string, logFile: string) => Promise<void>,
): Promise<string> {
  const files = Array.isArray(inputs) ? inputs : [inputs];
  const pom = files[0]!;
  const hash = createHash('sha256');
  for (const file of files) hash.update(readFileSync(file));
  const digest = hash.digest('hex').slice(0, 16);
  const outDir = join(harnessStateDir, name);
  const marker = join(outDir, `.complete-${digest}`);
  if (existsSync(marker)) return outDir;
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const logFile = join(harnessStateDir, `${name.replace(/[\\/]/g, '-')}-fetch.log`);
  rmSync(logFile, { force: true });
  log(`harness: fetching ${name} with Maven (once; log ${logFile})`);
  const started = Date.now();
  await fetch(outDir, pom, logFile);
  if (readdirSync(outDir).length === 0) throw new Error(`${name}: Maven finished but ${outDir} is empty; see ${logFile}`);
  writeFileSync(marker, `${new Date().toISOString()}\n`);
  log(`harness: fetched ${name} in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  return outDir;
}

async function maven(args: string[], logFile: string): Promise<void> {
  await runToCompletion('maven', process.env.HARNESS_MVN ?? 'mvn', ['-B', '-q', '-s', settings, ...args], {
    cwd: harnessSourceDir,
    logFile,
    timeoutMs: 15 * 60_000,
  });
}
