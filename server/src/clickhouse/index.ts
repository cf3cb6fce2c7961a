export {
  createClickHouseClient,
  probeClickHouse,
  type ClickHouseClient,
  type ClickHouseClientOptions,
  type ResultWithMeta,
} from './client.ts';
export { existingTables, listTables, MAX_PREVIEW_ROWS, previewTable, sortingKeyParts, SYSTEM_DATABASES, tableExists } from './catalog.ts';
