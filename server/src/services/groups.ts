/** The Consumer groups screen: every group with state and lag, one group's members and partitions, offset resets. */
import type { GroupDetail, GroupListResponse, ResetOffsetsInput, ResetOffsetsResult } from '../contracts/groups.ts';
import { consumerGroupOf } from '../connect/summary.ts';
import type { ConnectClient } from '../connect/client.ts';
import { AppError } from '../errors/app-error.ts';
import type { KafkaAccess } from '../kafka/access.ts';
import { committedOffsets, describeGroup, listGroups, setGroupOffsets, type GroupDescription, type GroupListing } from '../kafka/groups.ts';
import { offsetsForTimestamp, topicPartitions, watermarks, type PartitionWatermarks } from '../kafka/messages.ts';
import { requireConfirmation } from './confirmation.ts';
import { cacheKey, isoTime, type ReadCache } from './read-cache.ts';

export interface GroupService {
  list(): Promise<GroupListResponse>;
  detail(groupId: string): Promise<GroupDetail>;
  resetOffsets(groupId: string, input: ResetOffsetsInput): Promise<ResetOffsetsResult>;
}

const FUTURE_SLACK_MS = 60_000;

type Committed = { topic: string; partition: number; offset: number };

export function createGroupService(deps: { kafka: KafkaAccess; connect: ConnectClient; cache: ReadCache }): GroupService {
  const { kafka } = deps;

  /** Watermarks of each topic; topics that no longer exist are left out. */
  const topicMarks = (topics: string[]) =>
    kafka.withCluster(async (cluster) => {
      const out = new Map<string, PartitionWatermarks[]>();
      for (const topic of topics) {
        try {
          out.set(topic, await watermarks(cluster, topic, await topicPartitions(cluster, topic)));
        } catch (error) {
          if ((error as AppError).code !== 'TOPIC_NOT_FOUND') throw error;
        }
      }
      return out;
    });

  /** Sink connector names by their consumer group; empty when Connect cannot be asked (the list still works). */
  const connectorsByGroup = async (): Promise<Map<string, string>> => {
    try {
      const connectors = await deps.connect.connectors();
      return new Map(
        Object.entries(connectors)
          .filter(([, c]) => c.info?.type === 'sink' || c.status?.type === 'sink')
          .map(([name, c]) => [c.info?.config?.['consumer.override.group.id'] ?? consumerGroupOf(name), name]),
      );
    } catch {
      return new Map();
    }
  };

  const lagRows = (committed: Committed[], marks: Map<string, PartitionWatermarks[]>, topics: string[]) =>
    topics.flatMap((topic) =>
      (marks.get(topic) ?? []).map((m) => {
        const offset = committed.find((c) => c.topic === topic && c.partition === m.partition)?.offset ?? null;
        // Without a commit the group would start at its auto.offset.reset; earliest (Connect sinks' default) is assumed.
        return { topic, partition: m.partition, committed: offset, end: m.high, lag: Math.max(0, m.high - (offset ?? m.low)) };
      }),
    );

  async function load(groupId: string): Promise<{ listing: GroupListing | undefined; group: GroupDescription; committed: Committed[] }> {
    const listing = (await listGroups(kafka)).find((g) => g.groupId === groupId);
    const [group, committed] = await Promise.all([describeGroup(kafka, groupId, listing?.type ?? null), committedOffsets(kafka, groupId)]);
    if (!listing && group.members.length === 0 && committed.length === 0) {
      throw new AppError(
        404,
        'CONSUMER_GROUP_NOT_FOUND',
        `Kafka has no consumer group "${groupId}" (no members and no committed offsets)`,
        { group: groupId },
      );
    }
    return { listing, group, committed };
  }

  /** Every group with state, members and lag, one Kafka pass shared by concurrent readers (read cache). */
  async function readList(): Promise<Omit<GroupListResponse, 'fetchedAt'>> {
    const [listings, connectors] = await Promise.all([listGroups(kafka), connectorsByGroup()]);
    const details = await Promise.all(
      listings.map(async (g) => {
        const [group, committed] = await Promise.all([
          describeGroup(kafka, g.groupId, g.type),
          committedOffsets(kafka, g.groupId).catch(() => null),
        ]);
        return { g, group, committed };
      }),
    );
    const topics = [...new Set(details.flatMap((d) => (d.committed ?? []).map((c) => c.topic)))];
    const marks = await topicMarks(topics);
    return {
      groups: details.map(({ g, group, committed }) => {
        const groupTopics = [...new Set((committed ?? []).map((c) => c.topic))].sort();
        return {
          groupId: g.groupId,
          type: g.type,
          state: g.state ?? group.state,
          protocolType: g.protocolType,
          members: group.members.length,
          topics: groupTopics,
          totalLag: committed === null ? null : lagRows(committed, marks, groupTopics).reduce((s, r) => s + r.lag, 0),
          connector: connectors.get(g.groupId) ?? null,
        };
      }),
    };
  }

  return {
    async list() {
      const { value, fetchedAt } = await deps.cache.get(cacheKey('Kafka', 'groups'), readList);
      return { ...value, fetchedAt: isoTime(fetchedAt) };
    },

    async detail(groupId) {
      const [{ listing, group, committed }, connectors] = await Promise.all([load(groupId), connectorsByGroup()]);
      const topics = [
        ...new Set([...committed.map((c) => c.topic), ...group.members.flatMap((m) => m.assignments.map((a) => a.topic))]),
      ].sort();
      const marks = await topicMarks(topics);
      const owner = (topic: string, partition: number) =>
        group.members.find((m) => m.assignments.some((a) => a.topic === topic && a.partitions.includes(partition)))?.clientId ?? null;
      const partitions = lagRows(committed, marks, topics).map((r) => ({ ...r, member: owner(r.topic, r.partition) }));
      return {
        groupId,
        type: group.type,
        state: listing?.state ?? group.state,
        protocolType: group.protocolType || listing?.protocolType || '',
        protocol: group.protocol,
        members: group.members,
        partitions,
        totalLag: partitions.reduce((s, p) => s + p.lag, 0),
        connector: connectors.get(groupId) ?? null,
      };
    },

    async resetOffsets(groupId, input) {
      checkResetInput(input);
      const { group, committed } = await load(groupId);
      const topics = input.topics ?? [...new Set(committed.map((c) => c.topic))].sort();
      if (topics.length === 0) {
        throw new AppError(
          400,
          'INVALID_RESET',
          `Group ${groupId} has no committed offsets; name the topics to reset (body.topics); nothing was changed`,
          {
            group: groupId,
          },
        );
      }
      const marks = await topicMarks(topics);
      const missing = topics.filter((t) => !marks.has(t));
      if (missing.length > 0)
        throw new AppError(404, 'TOPIC_NOT_FOUND', `Kafka has no topic ${missing.join(', ')}; nothing was changed`, { topics: missing });
      const targets = await newOffsets(kafka, input, marks);
      const partitions = targets.map((t) => ({
        ...t,
        current: committed.find((c) => c.topic === t.topic && c.partition === t.partition)?.offset ?? null,
      }));
      const blockers = group.members;
      const plan = partitions.map((p) => `${p.topic}[${p.partition}] ${p.current ?? '—'} → ${p.new}`).join(', ');
      if (input.dryRun) {
        return {
          groupId,
          dryRun: true,
          applied: false,
          partitions,
          blockers,
          message:
            blockers.length > 0
              ? `Dry run: ${plan}. It cannot be applied while ${blockers.length} member(s) are in the group (${membersText(blockers)}); stop them first`
              : `Dry run, nothing changed: ${plan}`,
        };
      }
      if (blockers.length > 0) throw groupHasMembers(groupId, blockers);
      requireConfirmation(groupId, input.confirm, `Resetting the offsets of group ${groupId}`);
      try {
        await setGroupOffsets(
          kafka,
          groupId,
          partitions.map((p) => ({ topic: p.topic, partition: p.partition, offset: p.new })),
        );
      } catch (error) {
        // A member joined between the check and the commit: the coordinator refuses an admin commit then.
        const type = (error as AppError).details as { kafkaErrorType?: string } | undefined;
        if (type?.kafkaErrorType === 'UNKNOWN_MEMBER_ID' || type?.kafkaErrorType === 'REBALANCE_IN_PROGRESS') {
          throw groupHasMembers(groupId, (await describeGroup(kafka, groupId, group.type)).members);
        }
        throw error;
      }
      return { groupId, dryRun: false, applied: true, partitions, blockers: [], message: `Reset the offsets of ${groupId}: ${plan}` };
    },
  };
}

function checkResetInput(input: ResetOffsetsInput): void {
  const refuse = (message: string, field: string) => new AppError(400, 'INVALID_RESET', `${message}; nothing was changed`, { field });
  if (input.to === 'timestamp' && input.timestamp === undefined)
    throw refuse('to=timestamp needs `timestamp` (epoch milliseconds)', 'body.timestamp');
  if (input.to === 'offset' && input.offset === undefined) throw refuse('to=offset needs `offset`', 'body.offset');
  if (input.timestamp !== undefined && input.to !== 'timestamp')
    throw refuse('`timestamp` is only read with to=timestamp', 'body.timestamp');
  if (input.offset !== undefined && input.to !== 'offset') throw refuse('`offset` is only read with to=offset', 'body.offset');
  if (input.timestamp !== undefined && input.timestamp > Date.now() + FUTURE_SLACK_MS) {
    throw new AppError(
      400,
      'TIMESTAMP_IN_FUTURE',
      `Timestamp ${new Date(input.timestamp).toISOString()} is in the future; nothing was changed`,
      {
        timestamp: input.timestamp,
      },
    );
  }
}

const membersText = (members: GroupDescription['members']) => members.map((m) => `${m.clientId} on ${m.host} (${m.memberId})`).join(', ');

function groupHasMembers(groupId: string, members: GroupDescription['members']): AppError {
  return new AppError(
    409,
    'GROUP_HAS_MEMBERS',
    `Group ${groupId} has ${members.length} active member(s): ${membersText(members)}. Offsets can only be reset while no consumer is in the group (stop them, e.g. pause the connector); nothing was changed`,
    { group: groupId, members: members.map((m) => ({ memberId: m.memberId, clientId: m.clientId, host: m.host })) },
  );
}

async function newOffsets(
  kafka: KafkaAccess,
  input: ResetOffsetsInput,
  marks: Map<string, PartitionWatermarks[]>,
): Promise<{ topic: string; partition: number; new: number; lagAfter: number }[]> {
  const out: { topic: string; partition: number; new: number; lagAfter: number }[] = [];
  for (const [topic, partitions] of marks) {
    let byTimestamp = new Map<number, number | null>();
    if (input.to === 'timestamp') {
      byTimestamp = await kafka.withCluster((cluster) =>
        offsetsForTimestamp(
          cluster,
          topic,
          partitions.map((p) => p.partition),
          input.timestamp as number,
        ),
      );
    }
    for (const m of partitions) {
      let target: number;
      if (input.to === 'earliest') target = m.low;
      else if (input.to === 'latest') target = m.high;
      else if (input.to === 'timestamp') target = byTimestamp.get(m.partition) ?? m.high;
      else {
        target = input.offset as number;
        if (target < m.low || target > m.high) {
          throw new AppError(
            400,
            'OFFSET_OUT_OF_RANGE',
            `Offset ${target} is outside ${topic} partition ${m.partition} (offsets ${m.low}..${m.high}); nothing was changed`,
            { topic, partition: m.partition, offset: target, low: m.low, high: m.high },
          );
        }
      }
      out.push({ topic, partition: m.partition, new: target, lagAfter: m.high - target });
    }
  }
  return out.sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
}
