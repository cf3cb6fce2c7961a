import type { Admin } from 'kafkajs';

type PartitionOffsets = Awaited<ReturnType<Admin['fetchTopicOffsets']>>;

const ATTEMPTS = 5;
const PAUSE_MS = 200;

/**
 * `admin.fetchTopicOffsets`, across the moment a new topic's partitions are not yet in every broker's metadata: then
 * kafkajs 2.2.4 finds no leader to ask and fails with a TypeError (`high.pop()` is undefined, admin/index.js), which
 * is no outage. Observed on a 3-broker cluster right after a create; a few short retries outlast it.
 */
export async function fetchTopicOffsets(admin: Admin, topic: string): Promise<PartitionOffsets> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await admin.fetchTopicOffsets(topic);
    } catch (error) {
      if (!(error instanceof TypeError) || attempt >= ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, PAUSE_MS * attempt));
    }
  }
}
