import { traceHeadline } from '../model/connector-look.ts';

/** A Java stack trace: the exception line always visible, the full trace one click away. */
export function TraceBlock({ title, trace }: { title: string; trace: string }) {
  return (
    <details className="trace">
      <summary>
        <span className="trace-title">{title}</span>
        <span className="trace-headline mono">{traceHeadline(trace)}</span>
      </summary>
      <pre className="code-block wrap-lines" aria-label={title}>
        {trace}
      </pre>
    </details>
  );
}
