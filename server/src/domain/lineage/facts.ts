/** What the panel knows about the services when it draws the graph; null for a service that did not answer. */
import type { FiguresSample } from '../../contracts/lineage.ts';
import type { OffsetsReading, TableReading } from '../figures/readings.ts';

export interface ConnectorState {
  state: string;
  trace: string | null;
  tasks: { id: number; state: string; workerId: string; trace: string | null }[];
}

export interface SubjectFacts {
  exists: boolean;
  latestVersion: number | null;
  schemaId: number | null;
  compatibility: string | null;
  compatibilityIsGlobal: boolean;
}

export interface ContractFacts {
  verdict: 'ok' | 'warning' | 'error';
  summary: string;
}

export interface LineageFacts {
  now: number;
  offsets: OffsetsReading | null;
  /** Connector name → state; null when Kafka Connect did not answer. */
  connectors: Map<string, ConnectorState> | null;
  connectError: string | null;
  /** Subject → facts; a subject missing from the map could not be read (see subjectErrors). */
  subjects: Map<string, SubjectFacts>;
  subjectErrors: Map<string, string>;
  tables: TableReading[] | null;
  /** By pipeline id, for the pipelines whose contract was checked. */
  contracts: Map<string, ContractFacts>;
  /** Newest dead letter's error by dead-letter topic. */
  deadLetterErrors: Map<string, { message: string; at: string | null }>;
  /** The sampled window (oldest first), its interval and length. */
  samples: readonly FiguresSample[];
  intervalMs: number;
  windowMs: number;
  /** Connect's offset.flush.interval.ms: a sink commits at most this often, so offsets stand still that long normally. */
  commitIntervalMs: number;
}
