/**
 * The Pipelines screen: every pipeline's lineage graph (services/../domain/lineage) from the services' answers, and
 * the live figures sampler feeding its charts. Reads go through the shared read cache, so the sampler's tick and a
 * graph request in the same two seconds share one Kafka round and one ClickHouse query.
 */
import { listKafkaEngineFlows } from '../clickhouse/kafka-engine.ts';
import type { ClickHouseClient } from '../clickhouse/client.ts';
import { readTableFigures } from '../clickhouse/table-figures.ts';
import type { ConnectClient, ExpandedConnector } from '../connect/client.ts';
import type { LineageSource, PipelinesGraphResponse } from '../contracts/lineage.ts';
import type { PipelineRef } from '../contracts/smoke.ts';
import type { SampleTargets } from '../domain/figures/readings.ts';
import { assembleGraphs } from '../domain/lineage/assemble.ts';
import { discoverPipelines, sampleTargetsOf, type PipelineSpec } from '../domain/lineage/discover.ts';
import type { ConnectorState, ContractFacts, LineageFacts, SubjectFacts } from '../domain/lineage/facts.ts';
import { AppError } from '../errors/app-error.ts';
import { readDeadLetters } from '../kafka/dead-letters.ts';
import type { KafkaClient } from '../kafka/client.ts';
import { readOffsets } from '../kafka/offsets-reading.ts';
import { pipelineContract } from '../pipelines/contract.ts';
import { listPipelines, type SchemaFiles } from '../pipelines/index.ts';
import type { RegistryClient } from '../registry/client.ts';
import type { RepoFiles } from '../repo-files/index.ts';
import { FiguresSampler } from './figures-sampler.ts';
import { cacheKey, isoTime, type ReadCache } from './read-cache.ts';

export interface LineageDeps {
  kafka: KafkaClient;
  connect: ConnectClient;
  clickhouse: ClickHouseClient;
  registry: RegistryClient;
  files: RepoFiles;
  cache: ReadCache;
  /** connectors/*.avsc: with them each file pipeline's contract is checked (else the registry's latest version). */
  schemaFiles?: SchemaFiles;
  /** Connect's offset.flush.interval.ms (how often a sink commits); default 60 s, Connect's default. */
  commitIntervalMs?: number;
  /** Sampling interval (≥ 2 s, for tests) and window (PANEL_FIGURES_WINDOW_MS, default 15 min). */
  intervalMs?: number;
  windowMs?: number;
}

export interface LineageService {
  graph(): Promise<PipelinesGraphResponse>;
  readonly sampler: FiguresSampler;
  close(): Promise<void>;
}

const NO_SCHEMA_FILES: SchemaFiles = {
  list: async () => [],
  read: async (file) => {
    throw new AppError(404, 'FILE_NOT_FOUND', `connectors/${file} is not read here`);
  },
};
/** What is found where changes seldom; the discovery is read again every 10 s (at once after the panel's own writes). */
const DISCOVERY = { ttlMs: 10_000, staleMs: 10_000, errorTtlMs: 2000 };
/**
 * The sampled readings are never served stale (a stale reading would make a rate 0 and the next one double); a graph
 * request within a second of a tick shares its reading.
 */
const READINGS = { ttlMs: 1000, staleMs: 0, errorTtlMs: 500 };
const CONTRACTS = { ttlMs: 15_000, staleMs: 15_000, errorTtlMs: 5000 };
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function createLineageService(deps: LineageDeps): LineageService {
  const { cache, kafka, connect, clickhouse, registry, files } = deps;
  const schemaFiles = deps.schemaFiles ?? NO_SCHEMA_FILES;
  let lastDeployed: Record<string, ExpandedConnector> = {};

  const connectors = () =>
    cache.get(cacheKey('Kafka Connect', 'connectors'), async () => {
      const expanded = await connect.connectors();
      lastDeployed = expanded;
      return expanded;
    });
  const flows = () => cache.get(cacheKey('ClickHouse', 'lineage', 'kafka-engine-flows'), () => listKafkaEngineFlows(clickhouse), DISCOVERY);
  const filePipelines = () => cache.get(cacheKey('Kafka Connect', 'lineage', 'files'), () => listPipelines(files, schemaFiles), DISCOVERY);

  /** The pipelines, from whatever answers (Connect down: the connectors it last listed). */
  async function discover(): Promise<{ specs: PipelineSpec[]; refs: PipelineRef[]; skipped: PipelinesGraphResponse['skipped'] }> {
    const [fromFiles, deployed, engineFlows] = await Promise.all([
      filePipelines().then(
        (f) => f.value,
        () => ({ pipelines: [], skipped: [] }),
      ),
      connectors().then(
        (c) => c.value,
        () => lastDeployed,
      ),
      flows().then(
        (f) => f.value,
        () => [],
      ),
    ]);
    const specs = discoverPipelines(
      fromFiles.pipelines,
      Object.entries(deployed).map(([name, c]) => ({ name, config: c.info?.config ?? {} })),
      engineFlows,
    );
    return { specs, refs: fromFiles.pipelines, skipped: fromFiles.skipped };
  }

  let targetsCache: { at: number; targets: SampleTargets } | null = null;
  let rediscovering: Promise<SampleTargets> | null = null;
  const rediscover = () =>
    (rediscovering ??= discover()
      .then(({ specs }) => (targetsCache = { at: Date.now(), targets: sampleTargetsOf(specs) }).targets)
      .finally(() => (rediscovering = null)));
  /**
   * What to sample. Older than the discovery's lifetime, the last targets still serve this tick while the discovery is
   * read again: the first sample after a pause then costs one Kafka round and one query, not the discovery first.
   */
  async function targets(): Promise<SampleTargets> {
    if (!targetsCache) return rediscover();
    if (Date.now() - targetsCache.at >= DISCOVERY.ttlMs) void rediscover().catch(() => undefined);
    return targetsCache.targets;
  }
  const offsetsOf = async (t: SampleTargets) =>
    (
      await cache.get(
        cacheKey('Kafka', 'lineage', 'offsets', JSON.stringify([t.topics, t.dlqTopics, t.groups])),
        () => readOffsets(kafka, [...new Set([...t.topics, ...t.dlqTopics])], t.groups),
        READINGS,
      )
    ).value;
  const tablesOf = async (t: SampleTargets) =>
    (
      await cache.get(
        cacheKey('ClickHouse', 'lineage', 'tables', JSON.stringify(t.tables)),
        () => readTableFigures(clickhouse, t.tables),
        READINGS,
      )
    ).value;

  const sampler = new FiguresSampler({
    targets,
    readOffsets: offsetsOf,
    readTables: tablesOf,
    intervalMs: deps.intervalMs,
    windowMs: deps.windowMs,
  });

  async function subjectFacts(subject: string): Promise<SubjectFacts> {
    const { value } = await cache.get(cacheKey('Schema Registry', 'lineage', 'subject', subject), async () => {
      const [latest, own, global] = await Promise.all([
        registry.version(subject, 'latest').catch((error: unknown) => {
          if (error instanceof AppError && error.statusCode === 404) return null;
          throw error;
        }),
        registry.subjectCompatibility(subject).catch(() => null),
        registry.globalCompatibility(),
      ]);
      return {
        exists: latest !== null,
        latestVersion: latest?.version ?? null,
        schemaId: latest?.id ?? null,
        compatibility: own ?? global,
        compatibilityIsGlobal: own === null,
      };
    });
    return value;
  }

  async function contractFacts(ref: PipelineRef): Promise<ContractFacts | null> {
    try {
      const source = ref.schemaFile ? 'file' : 'registry';
      const { value } = await cache.get(
        cacheKey('ClickHouse', 'lineage', 'contract', ref.id),
        () => pipelineContract({ clickhouse, registry, files, schemaFiles }, ref, source),
        CONTRACTS,
      );
      return { verdict: value.verdict, summary: value.summary };
    } catch {
      // No schema to check against (no file, no subject yet): nothing to say about the contract.
      return null;
    }
  }

  /** Newest dead letter per topic, read again only when the topic's end offset moved (in the background). */
  const deadLetters = new Map<string, { end: number; error: { message: string; at: string | null } | null }>();
  function refreshDeadLetter(topic: string, partitions: { partition: number; end: number }[]): void {
    const end = partitions.reduce((sum, p) => sum + p.end, 0);
    const known = deadLetters.get(topic);
    if (end === 0 || known?.end === end) return;
    deadLetters.set(topic, { end, error: known?.error ?? null });
    const now = new Map(partitions.map((p) => [p.partition, p.end]));
    readDeadLetters(kafka.brokers, topic, null, now, 1, 5000).then(
      (found) => {
        const newest = found[found.length - 1];
        const text =
          newest?.errorHeaders['__connect.errors.exception.message'] ?? newest?.errorHeaders['__connect.errors.exception.class.name'];
        if (text) deadLetters.set(topic, { end, error: { message: text.slice(0, 500), at: null } });
      },
      () => undefined,
    );
  }

  async function graph(): Promise<PipelinesGraphResponse> {
    const { specs, refs, skipped } = await discover();
    const t = sampleTargetsOf(specs);
    const subjects = [...new Set(specs.map((s) => s.subject))];
    const fileRefs = refs.filter((r) => specs.some((s) => s.fileId === r.id));
    const [offsets, connectList, tables, subjectResults, contracts] = await Promise.all([
      offsetsOf(t).then(
        (value) => ({ value, error: null }),
        (error: unknown) => ({ value: null, error: message(error) }),
      ),
      connectors().then(
        (c) => ({ value: c.value, error: null }),
        (error: unknown) => ({ value: null, error: message(error) }),
      ),
      tablesOf(t).then(
        (value) => ({ value, error: null }),
        (error: unknown) => ({ value: null, error: message(error) }),
      ),
      Promise.all(
        subjects.map((s) =>
          subjectFacts(s).then(
            (value) => ({ s, value, error: null }),
            (error: unknown) => ({ s, value: null, error: message(error) }),
          ),
        ),
      ),
      Promise.all(fileRefs.map(async (r) => [r.id, await contractFacts(r)] as const)),
    ]);
    for (const topic of t.dlqTopics) {
      const found = offsets.value?.topics.find((x) => x.topic === topic);
      if (found) refreshDeadLetter(topic, found.partitions);
    }
    const connectorStates = connectList.value
      ? new Map(
          Object.entries(connectList.value).map(([name, c]): [string, ConnectorState] => [
            name,
            {
              state: c.status?.connector.state ?? 'UNASSIGNED',
              trace: c.status?.connector.trace ?? null,
              tasks: (c.status?.tasks ?? []).map((task) => ({
                id: task.id,
                state: task.state,
                workerId: task.worker_id,
                trace: task.trace ?? null,
              })),
            },
          ]),
        )
      : null;
    const now = Date.now();
    const facts: LineageFacts = {
      now,
      offsets: offsets.value,
      connectors: connectorStates,
      connectError: connectList.error,
      subjects: new Map(subjectResults.flatMap((r) => (r.value ? [[r.s, r.value] as const] : []))),
      subjectErrors: new Map(subjectResults.flatMap((r) => (r.error ? [[r.s, r.error] as const] : []))),
      tables: tables.value,
      contracts: new Map(contracts.flatMap(([id, c]) => (c ? [[id, c] as const] : []))),
      deadLetterErrors: new Map([...deadLetters].flatMap(([topic, d]) => (d.error ? [[topic, d.error] as const] : []))),
      samples: sampler.samples(),
      intervalMs: sampler.intervalMs,
      windowMs: sampler.windowMs,
      commitIntervalMs: deps.commitIntervalMs ?? 60_000,
    };
    const registryError = subjectResults.find((r) => r.error)?.error ?? null;
    const sources: LineageSource[] = [
      { service: 'Kafka', ok: offsets.error === null, error: offsets.error },
      { service: 'Kafka Connect', ok: connectList.error === null, error: connectList.error },
      { service: 'ClickHouse', ok: tables.error === null, error: tables.error },
      { service: 'Schema Registry', ok: registryError === null, error: registryError },
    ];
    return { pipelines: assembleGraphs(specs, facts), sources, sampling: sampler.state(), skipped, generatedAt: isoTime(now) };
  }

  return { graph, sampler, close: () => sampler.close() };
}
