import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { harnessSourceDir, harnessStateDir } from './paths.ts';
import { runToCompletion } from './process.ts';

export interface PreparedJars {
  /** Directory holding the Kafka broker + Connect classpath (kafka_2.13, connect-runtime, connect-file, connect-json …). */
  kafkaJarsDir: string;
  /** Apicurio Registry's Quarkus runner jar (its lib/ sits beside it). */
  registryRunnerJar: string;
}

const settings = join(harnessSourceDir, 'maven-settings.xml');

/**
 * Fetches (once) the pinned jars the harness runs: the Apache Kafka jars from harness/jars/pom.xml and Apicurio
 * Registry built from harness/registry/pom.xml. A marker keyed by the pom's content makes later calls a no-op;
 * editing a pom refetches. Maven's own cache (~/.m2) is reused across machines that keep it.
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
  return { kafkaJarsDir, registryRunnerJar: join(registryDir, 'harness-apicurio-registry-1-runner.jar') };
}

async function fetchOnce(
  name: string,
  pom: string,
  log: (line: string) => void,
  fetch: (outDir: string, pom: string, logFile: string) => Promise<void>,
): Promise<string> {
  const digest = createHash('sha256').update(readFileSync(pom)).digest('hex').slice(0, 16);
  const outDir = join(harnessStateDir, name);
  const marker = join(outDir, `.complete-${digest}`);
  if (existsSync(marker)) return outDir;
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const logFile = join(harnessStateDir, `${name}-fetch.log`);
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
