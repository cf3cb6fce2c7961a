import type { ReactNode } from 'react';

interface Props {
  tone: 'info' | 'warn' | 'bad';
  title: string;
  children?: ReactNode;
  action?: ReactNode;
}

/** A full-width message that says what is wrong and what to run about it. */
export function Notice({ tone, title, children, action }: Props) {
  return (
    <section className={`notice notice-${tone}`} role={tone === 'info' ? 'status' : 'alert'}>
      <div>
        <h2 className="notice-title">{title}</h2>
        {children && <div className="notice-body">{children}</div>}
      </div>
      {action && <div className="notice-action">{action}</div>}
    </section>
  );
}
