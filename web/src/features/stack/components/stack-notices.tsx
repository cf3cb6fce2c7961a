import { Notice } from '../../../components/notice.tsx';
import type { ProbeResult } from '@pipeline-panel/server/contracts';
import type { Situation } from '../model/stack-situation.ts';

const PROBE_NAME: Record<ProbeResult['target'], string> = {
  kafka: 'Kafka',
  'schema-registry': 'Schema Registry',
  connect: 'Kafka Connect',
  clickhouse: 'ClickHouse',
};

/** The empty and error states, each naming the command that gets the user further. */
export function StackNotice({ situation, onRetry }: { situation: Situation; onRetry: () => void }) {
  const retry = (
    <button type="button" className="btn" onClick={onRetry}>
      Try again
    </button>
  );
  switch (situation.kind) {
    case 'loading':
      return <Notice tone="info" title="Reading the stack…" />;
    case 'api-unreachable':
      return (
        <Notice tone="bad" title="The panel API is unreachable" action={retry}>
          <p>
            <code>/api</code> did not answer ({situation.detail}).
          </p>
          <p>
            Run the panel with <code>pnpm start</code> (in Docker) or <code>pnpm dev</code> (on the host), then try again.
          </p>
        </Notice>
      );
    case 'api-error':
      return (
        <Notice tone="bad" title="The panel could not read the stack" action={retry}>
          <p>
            {situation.message} <code className="code-tag">{situation.code}</code>
          </p>
        </Notice>
      );
    case 'docker-unreachable':
      return (
        <Notice tone="bad" title="Docker is not reachable">
          <p>{situation.error}</p>
          <p>
            Start Docker, then <code>pnpm start</code>. The panel reconnects by itself.
          </p>
        </Notice>
      );
    case 'not-started':
      return (
        <Notice tone="info" title="The stack is not running">
          <p>
            None of the declared services has a container yet. Run <code>pnpm start</code> (it runs <code>docker compose up -d --wait</code>
            ); this page updates as they come up.
          </p>
        </Notice>
      );
    case 'elsewhere':
      return (
        <Notice tone="warn" title={`No containers of project ${situation.project}, but the stack answers`}>
          <p>
            Docker has no container of compose project <code>{situation.project}</code> for the declared services, yet{' '}
            {situation.answering.map((t) => PROBE_NAME[t]).join(', ')} answer{situation.answering.length === 1 ? 's' : ''} at the addresses
            the panel uses (their probes below). The stack is probably running under another Compose project name (
            <code>docker compose ls</code> lists them) or outside Docker.
          </p>
          <p>
            Set <code>COMPOSE_PROJECT_NAME</code> (in <code>.env</code> or the panel's environment) to that project's name and restart the
            panel to see its containers here.
          </p>
        </Notice>
      );
    case 'ready':
      if (situation.notCreated.length === 0) return null;
      return (
        <Notice
          tone="warn"
          title={`${situation.notCreated.length} declared ${situation.notCreated.length === 1 ? 'service has' : 'services have'} no container`}
        >
          <p>
            {situation.notCreated.join(', ')}: run <code>pnpm start</code> to create {situation.notCreated.length === 1 ? 'it' : 'them'}.
          </p>
        </Notice>
      );
  }
}
