export const tableKeys = {
  all: ['clickhouse'] as const,
  tables: () => [...tableKeys.all, 'tables'] as const,
  preview: (database: string, table: string, limit: number) => [...tableKeys.tables(), database, table, 'preview', limit] as const,
  sqlFiles: () => [...tableKeys.all, 'sql-files'] as const,
};
