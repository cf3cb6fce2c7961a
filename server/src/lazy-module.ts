import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * A CommonJS package loaded on first use instead of at start-up (kafkajs, @clickhouse/client, dockerode, … take
 * longer to load than the panel needs to answer its first request). The require is synchronous, so callers stay so.
 */
export function lazyModule<T>(id: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(id) as T);
}
