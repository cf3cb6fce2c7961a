export const stackKeys = {
  all: ['stack'] as const,
  snapshot: () => [...stackKeys.all, 'snapshot'] as const,
  probes: () => [...stackKeys.all, 'probes'] as const,
};
