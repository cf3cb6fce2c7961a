import { formatCount } from '../../../components/format-numbers.ts';
import { DataTable } from '../../../components/data-table.tsx';
import { explainError } from '../../../components/explain-error.ts';
import { useTopic } from '../api/get-topic.ts';

const COLUMNS = [
  { title: 'Partition', className: 'num' },
  { title: 'Leader', className: 'num' },
  { title: 'Replicas' },
  { title: 'In sync' },
  { title: 'Start offset', className: 'num' },
  { title: 'End offset', className: 'num' },
];

export function TopicPartitions({ name }: { name: string }) {
  const topic = useTopic(name);
  if (topic.isPending) return <p className="muted">Reading partitions of {name}…</p>;
  if (topic.isError) return <p className="field-error">{explainError(topic.error).message}</p>;
  return (
    <DataTable label={`Partitions of ${name}`} className="partitions" columns={COLUMNS} wrap={false}>
      {topic.data.partitions.map((p) => (
        <tr key={p.partition}>
          <td className="num">{p.partition}</td>
          <td className="num">{p.leader}</td>
          <td className="mono">{p.replicas.join(', ')}</td>
          <td className="mono">{p.isr.join(', ')}</td>
          <td className="num">{formatCount(p.startOffset)}</td>
          <td className="num">{formatCount(p.endOffset)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
