import { useEffect, useRef, useState } from 'react';
import type { ServiceStatus } from '@pipeline-panel/server/contracts';
import { serviceLook } from '../model/service-look.ts';

/** Tells screen-reader users when a service changes state, e.g. "kafka: healthy → stopped". */
export function ChangeAnnouncer({ services }: { services: ServiceStatus[] }) {
  const previous = useRef<Map<string, string> | null>(null);
  const [message, setMessage] = useState('');

  useEffect(() => {
    const current = new Map(services.map((s) => [s.service, serviceLook(s).label]));
    const before = previous.current;
    previous.current = current;
    if (!before) return;
    const changes = [...current]
      .filter(([name, label]) => before.has(name) && before.get(name) !== label)
      .map(([name, label]) => `${name}: ${before.get(name)} → ${label}`);
    if (changes.length > 0) setMessage(changes.join('. '));
  }, [services]);

  return (
    <p className="visually-hidden" role="status" aria-live="polite">
      {message}
    </p>
  );
}
