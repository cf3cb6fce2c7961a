import { formatCount } from '../../../components/format-numbers.ts';
import { explainError } from '../../../components/explain-error.ts';
import { useTopic } from '../api/get-topic.ts';

export function TopicPartitions({ name }: { name: string }) {
  const topic = useTopic(name);
  if (topic.isPending) return <p className="muted">Reading partitions of {name}…</p>;
  if (topic.isError) return <p className="field-error">{explainError(topic.error).message}</p>;
  return (
    <table className="data-table partitions" aria-label={`Partitions of ${name}`}>
      <thead>
        <tr>
          <th scope="col" className="num">
            Partition
          </th>
          <th scope="col" className="num">
            Leader
          </th>
          <th scope="col">Replicas</th>
          <th scope="col">In sync</th>
          <th scope="col" className="num">
            Start offset
          </th>
          <th scope="col" className="num">
            End offset
          </th>
        </tr>
      </thead>
      <tbody>
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
      </tbody>
    </table>
  );
}
