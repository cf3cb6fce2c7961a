export const smokeKeys = {
  all: ['smoke'] as const,
  pipelines: () => [...smokeKeys.all, 'pipelines'] as const,
  contract: (pipeline: string, source: 'file' | 'registry') => [...smokeKeys.all, 'contract', pipeline, source] as const,
  runs: () => [...smokeKeys.all, 'runs'] as const,
  run: (runId: string) => [...smokeKeys.runs(), runId] as const,
};

export const runPath = (runId: string) => `/api/smoke-runs/${encodeURIComponent(runId)}`;
