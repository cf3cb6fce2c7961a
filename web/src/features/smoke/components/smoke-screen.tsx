import { useState } from 'react';
import type { ContractSource, PipelineRef } from '@pipeline-panel/server/contracts';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { PageHeader, Placeholder, Section } from '../../../components/page.tsx';
import { usePipelineContract } from '../api/check-contract.ts';
import { usePipelines } from '../api/list-pipelines.ts';
import { useSmokeRuns } from '../api/smoke-runs.ts';
import { ContractTable } from './contract-table.tsx';
import { RunForm } from './run-form.tsx';
import { RunHistory } from './run-history.tsx';
import { RunPanel } from './run-panel.tsx';
import './smoke.css';

function PipelineFacts({ pipeline }: { pipeline: PipelineRef }) {
  return (
    <dl className="kv smoke-facts">
      <dt>Topic → table</dt>
      <dd className="mono">
        {pipeline.topic} → {pipeline.database}.{pipeline.table}
      </dd>
      <dt>Schema</dt>
      <dd className="mono">{pipeline.schemaFile ? `connectors/${pipeline.schemaFile}` : `registry: latest of ${pipeline.subject}`}</dd>
      <dt>Connector file</dt>
      <dd className="mono">connectors/{pipeline.connectorFile}</dd>
      <dt>Dead-letter topic</dt>
      <dd className="mono">{pipeline.dlqTopic ?? '—'}</dd>
    </dl>
  );
}

export function SmokeScreen() {
  const pipelines = usePipelines();
  const list = pipelines.data?.pipelines ?? [];
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [source, setSource] = useState<ContractSource>('file');
  const [runId, setRunId] = useState<string | null>(null);
  const selected = list.find((p) => p.id === selectedId) ?? list[0] ?? null;
  // Without a schema file in connectors/ only the registry can say what the topic carries.
  const effectiveSource: ContractSource = selected?.schemaFile ? source : 'registry';
  const contract = usePipelineContract(selected?.id ?? null, effectiveSource);
  const runs = useSmokeRuns();

  return (
    <div className="page smoke-screen">
      <PageHeader
        title="Smoke test"
        sub="Proves a record registered with the pipeline's schema and produced to Kafka lands as a typed row in ClickHouse, value for value. The contract check runs first."
      />
      {pipelines.isError ? (
        <ErrorNotice error={pipelines.error} doing="read the pipelines from connectors/" onRetry={() => void pipelines.refetch()} />
      ) : (
        <Section title="Pipeline" note="From the ClickHouse sink connector files in connectors/">
          {pipelines.isPending && <Placeholder>Reading connectors/…</Placeholder>}
          {pipelines.data && list.length === 0 && (
            <Placeholder>
              No pipeline: connectors/ has no ClickHouse sink connector file (a pipeline is a sink file plus its &lt;topic&gt;-value.avsc).
            </Placeholder>
          )}
          {list.length > 0 && (
            <div className="smoke-pick">
              <label className="field">
                <span>Pipeline</span>
                <select value={selected?.id ?? ''} onChange={(e) => setSelectedId(e.target.value)} aria-label="Pipeline">
                  {list.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.id}
                    </option>
                  ))}
                </select>
              </label>
              {selected && <PipelineFacts pipeline={selected} />}
            </div>
          )}
        </Section>
      )}

      {selected && (
        <Section
          title="Contract"
          note="The schema's fields against the table's live columns, under the ClickHouse sink's type mapping"
          actions={
            <>
              <label className="field smoke-source">
                <span>Schema from</span>
                <select value={effectiveSource} onChange={(e) => setSource(e.target.value as ContractSource)} aria-label="Schema source">
                  <option value="file" disabled={!selected.schemaFile}>
                    file
                  </option>
                  <option value="registry">registry (latest)</option>
                </select>
              </label>
              <button type="button" className="btn" onClick={() => void contract.refetch()} disabled={contract.isFetching}>
                Check again
              </button>
            </>
          }
        >
          {contract.isPending && <Placeholder>Checking the contract…</Placeholder>}
          {contract.isError && <ErrorNotice error={contract.error} doing="check the contract" onRetry={() => void contract.refetch()} />}
          {contract.data && <ContractTable report={contract.data} caption={`Contract of ${selected.id}`} />}
        </Section>
      )}

      {selected && (
        <Section title="Run" note="Records are generated from the schema; each carries the run id, so they never mix with real rows">
          <RunForm pipeline={selected.id} onStarted={setRunId} />
          {runId && <RunPanel key={runId} runId={runId} onStarted={setRunId} />}
        </Section>
      )}

      <Section title="Recent runs" note="Kept in the panel's memory (the last 20)">
        {runs.isError && <ErrorNotice error={runs.error} doing="list the smoke runs" onRetry={() => void runs.refetch()} />}
        {runs.data && <RunHistory runs={runs.data.runs} selected={runId} onSelect={setRunId} />}
      </Section>
    </div>
  );
}
