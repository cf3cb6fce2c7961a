import { useQuery } from '@tanstack/react-query';
import type { StackSnapshot } from '@pipeline-panel/server/contracts';
import { api } from '../lib/api-client.ts';

/**
 * The screen the panel opens on (no `#/…` in the URL): Pipelines once the stack is up (every service running or
 * healthy), the Stack screen while it starts, is down or Docker cannot be asked. null while the stack is read.
 */
export function useLandingScreen(enabled: boolean): 'pipelines' | 'stack' | null {
  const stack = useQuery({
    queryKey: ['landing', 'stack'],
    queryFn: ({ signal }) => api.get<StackSnapshot>('/api/stack', signal),
    enabled,
    staleTime: Infinity,
  });
  if (!enabled) return null;
  if (stack.isPending) return null;
  return stack.data?.overall === 'healthy' ? 'pipelines' : 'stack';
}
