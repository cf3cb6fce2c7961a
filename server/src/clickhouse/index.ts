export {
  createClickHouseClient,
  probeClickHouse,
  type ClickHouseClient,
  type ClickHouseClientOptions,
  type ResultWithMeta,
} from './client.ts';
export {
  existingTables,
  listTables,
  previewOrder,
  previewTable,
  previewTarget,
  sortingKeyParts,
  SYSTEM_DATABASES,
  tableExists,
  type PreviewTarget,
} from './catalog.ts';
export { listReplicas, QUEUE_ENTRIES_PER_REPLICA } from './replication-status.ts';
