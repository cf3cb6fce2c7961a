import { pathSegmentProblem } from '../domain/names.ts';
import { AppError } from '../errors/app-error.ts';

/**
 * The one way a value from a request becomes a path segment of an upstream URL (Schema Registry, Kafka Connect,
 * Docker): "", "." and ".." are refused — `fetch` would resolve them as dot segments and address another resource
 * (`/config/.` is `/config/`, the registry's global level) — and everything else is percent-encoded, so "/", "?",
 * "#" and "%2e" stay inside the segment.
 */
export function pathSegment(value: string, what = 'name'): string {
  const problem = pathSegmentProblem(value, what);
  if (problem) throw new AppError(400, 'VALIDATION_FAILED', `${problem}; nothing was sent upstream`, { [what]: value });
  return encodeURIComponent(value);
}
