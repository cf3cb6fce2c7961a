import type { ConnectorTask, TaskPlacement } from '@pipeline-panel/server/contracts';
import { stateTone } from '../model/connector-look.ts';
import { TraceBlock } from './trace-block.tsx';

export function TaskList({
  connector,
  tasks,
  movedOf,
}: {
  connector: string;
  tasks: ConnectorTask[];
  /** The task's placement when it moved from another worker (workers query). */
  movedOf?: (task: number) => TaskPlacement | undefined;
}) {
  if (tasks.length === 0) return null;
  return (
    <ul className="task-list" aria-label={`Tasks of ${connector}`}>
      {tasks.map((task) => (
        <li key={task.id} className="task">
          <div className="task-line">
            <span className="mono">task {task.id}</span>
            <span className={`pill tone-${stateTone(task.state)}`}>{task.state}</span>
            <span className="muted mono task-worker">{task.workerId}</span>
            {movedOf?.(task.id) && (
              <span className="pill tone-warn" title={`Ran on ${movedOf(task.id)!.movedFrom} when the panel last saw it`}>
                moved from {movedOf(task.id)!.movedFrom}
              </span>
            )}
          </div>
          {task.trace && <TraceBlock title={`Trace of task ${task.id}`} trace={task.trace} />}
        </li>
      ))}
    </ul>
  );
}
