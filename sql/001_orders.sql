-- Target table for the `orders` topic (connectors/orders-clickhouse-sink.json, schema connectors/orders-value.avsc).
-- Applied by the ClickHouse image on first start (/docker-entrypoint-initdb.d, fresh volume only) and safe to
-- re-run at any time (IF NOT EXISTS): `clickhouse-client --multiquery < sql/001_orders.sql`.
--
-- Column ↔ Avro field (sink type mapping, docs/upstream-facts.md §5; names match case-sensitively):
--   order_id     String                  ← string
--   customer_id  Int64                   ← long
--   status       LowCardinality(String)  ← string (enum-like: a handful of distinct values)
--   quantity     Int32                   ← int
--   amount       Decimal(12, 2)          ← bytes, logicalType decimal, precision 12, scale 2 (same P,S)
--   currency     LowCardinality(String)  ← string
--   created_at   DateTime64(3, 'UTC')    ← long, logicalType timestamp-millis (3 = milliseconds)
--   note         Nullable(String)        ← ["null","string"]
CREATE DATABASE IF NOT EXISTS pipeline;

CREATE TABLE IF NOT EXISTS pipeline.orders
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
ENGINE = MergeTree
-- One partition per month keeps parts few and lets old months be dropped as a unit.
PARTITION BY toYYYYMM(created_at)
-- Sorting key = primary index: the typical question is "this customer's orders over a time range", so
-- customer_id first, then created_at; order_id last makes the key identify a row (handy when checking for
-- duplicates after a sink retry, since the sink runs at-least-once with exactlyOnce=false).
ORDER BY (customer_id, created_at, order_id)
-- Each row keeps its insert block through merges: the panel's preview shows the newest rows exactly, and
-- lightweight UPDATE can fix bad records in place. Hidden columns: the sink's mapping (DESCRIBE) does not see them.
SETTINGS enable_block_number_column = 1, enable_block_offset_column = 1;
