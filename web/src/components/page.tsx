import { useId, type ReactNode } from 'react';
import './page.css';

/** A screen's heading row: title, one line of context, and actions on the right. */
export function PageHeader({ title, sub, actions }: { title: string; sub?: ReactNode; actions?: ReactNode }) {
  return (
    <header className="page-head">
      <div>
        <h1 className="page-title">{title}</h1>
        {sub && <p className="page-sub">{sub}</p>}
      </div>
      {actions && <div className="page-actions">{actions}</div>}
    </header>
  );
}

/** A titled card; the heading names the region for assistive tech. */
export function Section({
  title,
  note,
  actions,
  children,
  className,
}: {
  title: string;
  note?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  const id = useId();
  return (
    <section className={`box ${className ?? ''}`} aria-labelledby={id}>
      <div className="box-head">
        <h2 id={id}>{title}</h2>
        {note && <p className="muted">{note}</p>}
        {actions && <div className="box-actions">{actions}</div>}
      </div>
      {children}
    </section>
  );
}

/** The small grey line shown while a list loads or when it is empty. */
export function Placeholder({ children }: { children: ReactNode }) {
  return <p className="placeholder">{children}</p>;
}
