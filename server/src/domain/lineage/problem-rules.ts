/** The problems the Pipelines screen flags, each with the fix. Pure: every rule reads the assembled nodes only. */
import type {
  ConnectorNode,
  DeadLetterNode,
  GroupNode,
  LineageNode,
  Problem,
  SubjectNode,
  TableNode,
  TopicNode,
} from '../../contracts/lineage.ts';
import type { ContractFacts } from './facts.ts';

export interface RuleInputs {
  nodes: LineageNode[];
  contract: ContractFacts | null;
  connectError: string | null;
  /** How long committed offsets may stand still before "RUNNING but not moving" is flagged. */
  stillLimitMs: number;
  /** Dead letters that arrived within the window. */
  deadLettersGrowth: number;
}

const of = <K extends LineageNode['kind']>(nodes: LineageNode[], kind: K) =>
  nodes.filter((n): n is Extract<LineageNode, { kind: K }> => n.kind === kind);

const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;

function topicProblems(topic: TopicNode): Problem[] {
  if (topic.exists !== false) return [];
  return [
    {
      rule: 'topic-missing',
      severity: 'error',
      node: topic.id,
      message: `Kafka has no topic ${topic.name}`,
      fix: `Create ${topic.name} on the Topics screen (or let the producer create it), then produce to it`,
    },
  ];
}

function connectorProblems(c: ConnectorNode, connectError: string | null): Problem[] {
  if (c.deployed === null) {
    return [
      {
        rule: 'connect-unreachable',
        severity: 'warning',
        node: c.id,
        message: `Kafka Connect did not answer${connectError ? ` (${connectError})` : ''}; the connector's state is unknown, its group's lag is still read from Kafka`,
        fix: 'Start Connect (`docker compose up -d connect`) and check `docker compose logs connect`',
      },
    ];
  }
  if (!c.deployed) {
    return [
      {
        rule: 'not-deployed',
        severity: 'warning',
        node: c.id,
        message: `${c.name} is ${c.file ? `in connectors/${c.file}` : 'known'} but not deployed on Connect`,
        fix: 'Deploy it from the Connectors screen (Preflight, then Deploy)',
      },
    ];
  }
  const problems: Problem[] = [];
  if (c.state === 'FAILED') {
    problems.push({
      rule: 'connector-failed',
      severity: 'error',
      node: c.id,
      message: `Connector ${c.name} FAILED${c.trace ? `: ${firstLine(c.trace)}` : ''}`,
      fix: 'Read the trace on the Connectors screen, fix its cause (config, table, registry), then Restart the connector',
    });
  }
  if (c.state === 'PAUSED') {
    problems.push({
      rule: 'connector-paused',
      severity: 'warning',
      node: c.id,
      message: `Connector ${c.name} is paused; nothing is delivered`,
      fix: 'Resume it on the Connectors screen',
    });
  }
  for (const task of c.tasks.filter((t) => t.state === 'FAILED')) {
    problems.push({
      rule: 'task-failed',
      severity: 'error',
      node: c.id,
      message: `Task ${task.id} of ${c.name} FAILED on ${task.workerId}${task.trace ? `: ${firstLine(task.trace)}` : ''}`,
      fix: 'Read the task trace on the Connectors screen, fix its cause, then Restart (with tasks)',
    });
  }
  return problems;
}

function groupProblems(group: GroupNode, connector: ConnectorNode | undefined, stillLimitMs: number): Problem[] {
  const problems: Problem[] = [];
  if (group.lagTrend === 'rising') {
    problems.push({
      rule: 'lag-rising',
      severity: 'warning',
      node: group.id,
      message: `Lag of ${group.name} is rising (${group.lag ?? '?'} records behind): records arrive faster than they are delivered`,
      fix: "Check the delivery for errors and ClickHouse for slow inserts or too many parts; raise tasks.max (up to the topic's partitions) or the poll size (consumer.override.max.poll.records)",
    });
  }
  const running = connector?.state === 'RUNNING' && connector.tasks.length > 0 && connector.tasks.every((t) => t.state === 'RUNNING');
  if (running && (group.lag ?? 0) > 0 && group.stillForMs !== null && group.stillForMs >= stillLimitMs) {
    problems.push({
      rule: 'running-not-moving',
      severity: 'error',
      node: group.id,
      message: `Connect reports ${connector.name} RUNNING, but ${group.name} has committed nothing for ${seconds(group.stillForMs)} while ${group.lag} records wait`,
      fix: 'The sink retries failed inserts with its task RUNNING: check that ClickHouse answers and read `docker compose logs connect` for the insert errors. Right after a worker restart, a dead member holds the partitions until its session times out (session.timeout.ms); if it lasts, Restart the connector',
    });
  }
  return problems;
}

function tableProblems(table: TableNode): Problem[] {
  if (table.exists !== false) return [];
  return [
    {
      rule: 'table-missing',
      severity: 'error',
      node: table.id,
      message: `ClickHouse has no table ${table.database}.${table.table}; every insert fails`,
      fix: 'Create it from its file in sql/ (Tables screen, Create from file)',
    },
  ];
}

function contractProblems(contract: ContractFacts | null, subject: SubjectNode | undefined, table: TableNode | undefined): Problem[] {
  if (!contract || contract.verdict !== 'error' || table?.exists === false) return [];
  return [
    {
      rule: 'contract-error',
      severity: 'error',
      node: table?.id ?? subject?.id ?? '',
      message: contract.summary,
      fix: 'Open the contract check on the Smoke test screen: it names each field that does not fit its column and the type to use',
    },
  ];
}

function deadLetterProblems(dlq: DeadLetterNode, growth: number): Problem[] {
  if (growth <= 0) return [];
  return [
    {
      rule: 'dlq-growing',
      severity: 'warning',
      node: dlq.id,
      message: `${growth} record(s) went to the dead-letter topic ${dlq.topic} in the last minutes${dlq.newestError ? `; newest error: ${dlq.newestError.message}` : ''}`,
      fix: "Read the dead letters' __connect.errors.* headers on the Topics screen; fix the producer or the table, then re-send them",
    },
  ];
}

export function findProblems({ nodes, contract, connectError, stillLimitMs, deadLettersGrowth }: RuleInputs): Problem[] {
  const connectors = of(nodes, 'connector');
  const groupConnector = (g: GroupNode) => connectors.find((c) => c.id === g.delivery);
  return [
    ...of(nodes, 'topic').flatMap(topicProblems),
    ...connectors.flatMap((c) => connectorProblems(c, connectError)),
    ...of(nodes, 'group').flatMap((g) => groupProblems(g, groupConnector(g), stillLimitMs)),
    ...of(nodes, 'table').flatMap(tableProblems),
    ...contractProblems(contract, of(nodes, 'subject')[0], of(nodes, 'table')[0]),
    ...of(nodes, 'dlq').flatMap((d) => deadLetterProblems(d, deadLettersGrowth)),
  ];
}

function firstLine(text: string): string {
  return (text.split('\n')[0] ?? '').slice(0, 300);
}
