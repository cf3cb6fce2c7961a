import type * as KafkaJs from 'kafkajs';
import { lazyModule } from '../lazy-module.ts';

/** kafkajs, loaded on the first Kafka operation rather than at start-up. */
export const kafkajs = lazyModule<typeof KafkaJs>('kafkajs');
