export const topicKeys = {
  all: ['topics'] as const,
  list: () => [...topicKeys.all, 'list'] as const,
  detail: (name: string) => [...topicKeys.all, 'detail', name] as const,
};
