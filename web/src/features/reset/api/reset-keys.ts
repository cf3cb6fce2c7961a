export const resetKeys = {
  all: ['reset'] as const,
  plan: () => [...resetKeys.all, 'plan'] as const,
  latest: () => [...resetKeys.all, 'latest'] as const,
  operation: (operationId: string) => [...resetKeys.all, 'operation', operationId] as const,
};
