import type * as ConfluentSchemaRegistry from '@kafkajs/confluent-schema-registry';
import { lazyModule } from '../lazy-module.ts';

/** @kafkajs/confluent-schema-registry (with avsc and protobufjs), loaded when first needed rather than at start-up. */
export const confluentLibrary = lazyModule<typeof ConfluentSchemaRegistry>('@kafkajs/confluent-schema-registry');
