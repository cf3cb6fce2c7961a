export const connectorKeys = {
  all: ['connectors'] as const,
  list: () => [...connectorKeys.all, 'list'] as const,
  detail: (name: string) => [...connectorKeys.all, 'detail', name] as const,
  files: () => [...connectorKeys.all, 'files'] as const,
  groupLag: (group: string) => ['consumer-groups', group, 'lag'] as const,
};

export const connectorPath = (name: string) => `/api/connectors/${encodeURIComponent(name)}`;
export const connectorFilePath = (file: string) => `/api/connector-files/${encodeURIComponent(file)}`;
