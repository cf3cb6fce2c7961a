import type { Look } from '../model/service-look.ts';

export function HealthBadge({ look }: { look: Look }) {
  return (
    <span className={`badge tone-${look.tone}`}>
      <span className="dot" aria-hidden="true" />
      {look.label}
    </span>
  );
}
