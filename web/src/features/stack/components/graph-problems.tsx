import type { GraphProblem } from '@pipeline-panel/server/contracts';
import { describeProblem } from '../model/wave-layout.ts';

export function GraphProblems({ problems }: { problems: GraphProblem[] }) {
  if (problems.length === 0) return null;
  return (
    <div className="problems" role="alert">
      <h3 className="problems-title">
        The compose file's depends_on has {problems.length === 1 ? 'a problem' : `${problems.length} problems`}
      </h3>
      <ul>
        {problems.map((problem) => (
          <li key={JSON.stringify(problem)}>{describeProblem(problem)}</li>
        ))}
      </ul>
    </div>
  );
}
