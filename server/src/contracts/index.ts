// The API contracts: TypeBox schemas (runtime values the server's routes declare) and their static types. The web
// imports only types from here (`import type`), so none of this reaches its bundle.
export * from './error-codes.ts';
export * from './common.ts';
export * from './names.ts';
export * from './stack.ts';
export * from './contract.ts';
export * from './schemas.ts';
export * from './schema-diff.ts';
export * from './connectors.ts';
export * from './clickhouse.ts';
export * from './sql-query.ts';
export * from './topics.ts';
export * from './cluster.ts';
export * from './reset.ts';
export * from './smoke.ts';
export * from './wizard.ts';
export * from './evolution.ts';
export * from './messages.ts';
export * from './topic-settings.ts';
export * from './groups.ts';
export * from './dead-letters.ts';
export * from './lineage.ts';
