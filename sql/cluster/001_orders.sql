-- The `orders` table of the cluster profile (docker-compose.cluster.yml): the columns, partitioning and sorting key of
-- sql/001_orders.sql (e2e/repo/cluster-sql.test.ts keeps them identical), replicated on clickhouse-1 and clickhouse-2.
-- Applied by the clickhouse-init service through clickhouse-1 on every start; safe to re-run (IF NOT EXISTS):
--   pnpm cluster exec -T clickhouse-1 sh -c 'clickhouse-client --user "$CLICKHOUSE_USER" --password "$CLICKHOUSE_PASSWORD" --multiquery' < sql/cluster/001_orders.sql
--
-- ON CLUSTER pipeline_cluster (configs/clickhouse-cluster/clickhouse-server/config.d/remote-servers.xml) puts each
-- statement in Keeper's distributed DDL queue; every replica runs it and the statement returns once both have.
-- Not under sql/ directly: the single-node stack mounts sql/ as /docker-entrypoint-initdb.d, whose entrypoint runs only
-- the *.sql files at its top level, and the panel lists only those.
CREATE DATABASE IF NOT EXISTS pipeline ON CLUSTER pipeline_cluster;

CREATE TABLE IF NOT EXISTS pipeline.orders ON CLUSTER pipeline_cluster
(
    order_id    String,
    customer_id Int64,
    status      LowCardinality(String),
    quantity    Int32,
    amount      Decimal(12, 2),
    currency    LowCardinality(String),
    created_at  DateTime64(3, 'UTC'),
    note        Nullable(String)
)
-- Both replicas expand {shard} to 01 and {database}/{table} to pipeline/orders, so they share one Keeper path and
-- replicate each other; {replica} (clickhouse-1 / clickhouse-2) names each one there (config.d/macros.xml).
-- The sink writes to clickhouse-1; clickhouse-2 fetches every new part. Identical retried blocks are deduplicated
-- (insert_deduplicate), which absorbs some of the sink's at-least-once retries.
ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}')
PARTITION BY toYYYYMM(created_at)
ORDER BY (customer_id, created_at, order_id)
-- Each row keeps its insert block through merges: the panel's preview shows the newest rows exactly, and
-- lightweight UPDATE can fix bad records in place. Hidden columns: the sink's mapping (DESCRIBE) does not see them.
SETTINGS enable_block_number_column = 1, enable_block_offset_column = 1;
