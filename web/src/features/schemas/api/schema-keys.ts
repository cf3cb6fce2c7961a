export const schemaKeys = {
  all: ['schemas'] as const,
  list: () => [...schemaKeys.all, 'list'] as const,
  subject: (subject: string) => [...schemaKeys.all, 'subject', subject] as const,
  version: (subject: string, version: number) => [...schemaKeys.subject(subject), 'version', version] as const,
};

export const subjectPath = (subject: string) => `/api/schemas/${encodeURIComponent(subject)}`;
