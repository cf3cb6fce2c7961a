import { useMutation } from '@tanstack/react-query';
import type { CompatibilityVerdict } from '@pipeline-panel/server/contracts';
import { api, type ApiError } from '../../../lib/api-client.ts';
import { useTokenGuard } from '../../../components/use-token-guard.ts';
import { subjectPath } from './schema-keys.ts';

/** Asks the registry whether the text would be accepted; changes nothing, so nothing is invalidated. */
export function useCheckCompatibility() {
  const guard = useTokenGuard();
  return useMutation<CompatibilityVerdict, ApiError, { subject: string; schema: string }>({
    mutationFn: ({ subject, schema }) => guard(() => api.post<CompatibilityVerdict>(`${subjectPath(subject)}/check`, { schema })),
  });
}
