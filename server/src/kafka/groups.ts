/**
 * Consumer groups, classic and KIP-848 ("consumer" protocol, Kafka 4): listing with state and type, members and
 * their assignments, committed offsets, and setting a group's offsets.
 *
 * kafkajs's describeGroups fails with "No brokers in the broker pool" on a fresh admin (access.ts loadBrokers says
 * why; it is not a Kafka 4 protocol change: DescribeGroups v0-v2 are still served). kafkajs speaks only the classic protocol: a KIP-848 group answers
 * DescribeGroups as "Dead" with no members, so those are described with ConsumerGroupDescribe (API 69), and
 * listed with ListGroups v4/v5, which carry each group's state and type (kafkajs sends v0-v2 only).
 * Layouts: ListGroupsRequest/Response.json and ConsumerGroupDescribeRequest/Response.json in apache/kafka 4.1.
 */
import { loadBrokers, type KafkaAccess } from './access.ts';
import { kafkajs } from './kafkajs.ts';
import { sendRaw, supportedVersions, type KafkaDecoder } from './protocol.ts';
import type { RawBroker } from './raw-cluster.ts';

export interface GroupListing {
  groupId: string;
  /** "consumer" for consumer clients of either protocol, "connect" for Connect workers, "" for a group with only offsets. */
  protocolType: string;
  /** classic or consumer (KIP-848), share, streams; null when the broker does not say (ListGroups < v5). */
  type: string | null;
  /** Stable, Empty, PreparingRebalance, … (classic); stable, empty, assigning, … (consumer); null before v4. */
  state: string | null;
}

export interface GroupMember {
  memberId: string;
  clientId: string;
  host: string;
  assignments: { topic: string; partitions: number[] }[];
}

export interface GroupDescription {
  groupId: string;
  type: 'classic' | 'consumer';
  state: string;
  protocolType: string;
  /** The classic assignor (e.g. range) or the KIP-848 server assignor (e.g. uniform). */
  protocol: string;
  members: GroupMember[];
}

const LIST_GROUPS = 16;
const CONSUMER_GROUP_DESCRIBE = 69;

/** Every group on every broker. */
export function listGroups(access: KafkaAccess): Promise<GroupListing[]> {
  return access.withCluster(async (cluster) => {
    await cluster.refreshMetadata();
    const listings = await Promise.all(cluster.getNodeIds().map(async (nodeId) => listGroupsOn(await cluster.findBroker({ nodeId }))));
    const byId = new Map<string, GroupListing>();
    for (const g of listings.flat()) byId.set(g.groupId, g);
    return [...byId.values()].sort((a, b) => a.groupId.localeCompare(b.groupId));
  });
}

async function listGroupsOn(broker: RawBroker): Promise<GroupListing[]> {
  const max = supportedVersions(broker, LIST_GROUPS)?.maxVersion ?? 0;
  if (max < 4) {
    const { groups } = await (
      broker as unknown as { listGroups(): Promise<{ groups: { groupId: string; protocolType: string }[] }> }
    ).listGroups();
    return groups.map((g) => ({ groupId: g.groupId, protocolType: g.protocolType, type: null, state: null }));
  }
  const version = Math.min(max, 5);
  return sendRaw(broker, {
    apiKey: LIST_GROUPS,
    apiVersion: version,
    apiName: 'ListGroups',
    flexible: true,
    encode: (e) => {
      e.writeUVarInt(1); // StatesFilter: empty (every state)
      if (version >= 5) e.writeUVarInt(1); // TypesFilter: empty (every type)
      e.writeUVarInt(0); // tagged fields
    },
    decode: (d) => {
      d.readInt32(); // throttle_time_ms
      const errorCode = d.readInt16();
      if (errorCode !== 0) throw Object.assign(new Error(`ListGroups failed with error code ${errorCode}`), { type: `ERROR_${errorCode}` });
      return (
        d.readUVarIntArray((g) => {
          const groupId = g.readUVarIntString() ?? '';
          const protocolType = g.readUVarIntString() ?? '';
          const state = g.readUVarIntString();
          const type = version >= 5 ? g.readUVarIntString() : null;
          g.readTaggedFields();
          return { groupId, protocolType, state, type };
        }) ?? []
      );
    },
  });
}

/** One group; state "Dead" with no members when Kafka does not know it. */
export async function describeGroup(access: KafkaAccess, groupId: string, type: string | null): Promise<GroupDescription> {
  if (type === 'consumer') return describeConsumerGroup(access, groupId);
  return access.withAdmin(async (admin) => {
    await loadBrokers(admin);
    const { groups } = await admin.describeGroups([groupId]);
    const group = groups[0];
    return {
      groupId,
      type: 'classic',
      state: group?.state ?? 'Dead',
      protocolType: group?.protocolType ?? '',
      protocol: group?.protocol ?? '',
      members: (group?.members ?? []).map((m) => ({
        memberId: m.memberId,
        clientId: m.clientId,
        host: m.clientHost,
        assignments: group?.protocolType === 'consumer' ? decodeAssignment(m.memberAssignment) : [],
      })),
    };
  });
}

/** The classic consumer protocol's assignment (ConsumerProtocol); Connect and other protocols have their own. */
function decodeAssignment(bytes: Buffer): GroupMember['assignments'] {
  try {
    const decoded = kafkajs().AssignerProtocol.MemberAssignment.decode(bytes);
    return Object.entries(decoded?.assignment ?? {}).map(([topic, partitions]) => ({
      topic,
      partitions: [...partitions].sort((a, b) => a - b),
    }));
  } catch {
    return [];
  }
}

function describeConsumerGroup(access: KafkaAccess, groupId: string): Promise<GroupDescription> {
  return access.withCluster(async (cluster) => {
    await cluster.refreshMetadata();
    const coordinator = await cluster.findGroupCoordinator({ groupId });
    const [group] = await sendRaw(coordinator, {
      apiKey: CONSUMER_GROUP_DESCRIBE,
      apiVersion: 0,
      apiName: 'ConsumerGroupDescribe',
      flexible: true,
      encode: (e) => {
        e.writeUVarInt(2).writeUVarIntString(groupId); // GroupIds: [groupId]
        e.writeBoolean(false); // IncludeAuthorizedOperations
        e.writeUVarInt(0);
      },
      decode: (d) => {
        d.readInt32(); // throttle_time_ms
        const groups = d.readUVarIntArray(readDescribedGroup) ?? [];
        d.readTaggedFields();
        return groups;
      },
    });
    if (!group || group.errorCode !== 0) {
      // GROUP_ID_NOT_FOUND (69) and the like: Kafka does not know the group as a consumer group.
      return { groupId, type: 'consumer', state: 'Dead', protocolType: 'consumer', protocol: '', members: [] };
    }
    return { groupId, type: 'consumer', state: group.state, protocolType: 'consumer', protocol: group.assignor, members: group.members };
  });
}

function readDescribedGroup(d: KafkaDecoder) {
  const errorCode = d.readInt16();
  d.readUVarIntString(); // error_message
  d.readUVarIntString(); // group_id
  const state = d.readUVarIntString() ?? '';
  d.readInt32(); // group_epoch
  d.readInt32(); // assignment_epoch
  const assignor = d.readUVarIntString() ?? '';
  const members =
    d.readUVarIntArray((m) => {
      const memberId = m.readUVarIntString() ?? '';
      m.readUVarIntString(); // instance_id
      m.readUVarIntString(); // rack_id
      m.readInt32(); // member_epoch
      const clientId = m.readUVarIntString() ?? '';
      const host = m.readUVarIntString() ?? '';
      m.readUVarIntArray((s) => s.readUVarIntString()); // subscribed_topic_names
      m.readUVarIntString(); // subscribed_topic_regex
      const assignments = readAssignment(m);
      readAssignment(m); // target_assignment
      m.readTaggedFields();
      return { memberId, clientId, host, assignments };
    }) ?? [];
  d.readInt32(); // authorized_operations
  d.readTaggedFields();
  return { errorCode, state, assignor, members };
}

function readAssignment(d: KafkaDecoder): GroupMember['assignments'] {
  const topics =
    d.readUVarIntArray((t) => {
      t.readBytes(16); // topic_id
      const topic = t.readUVarIntString() ?? '';
      const partitions = t.readUVarIntArray((p) => p.readInt32()) ?? [];
      t.readTaggedFields();
      return { topic, partitions: partitions.sort((a, b) => a - b) };
    }) ?? [];
  d.readTaggedFields();
  return topics;
}

/** Committed offsets of `groupId` (OffsetFetch); offsets < 0 (none committed) are left out. */
export function committedOffsets(access: KafkaAccess, groupId: string): Promise<{ topic: string; partition: number; offset: number }[]> {
  return access.withAdmin(async (admin) => {
    await loadBrokers(admin);
    const topics = await admin.fetchOffsets({ groupId });
    return topics.flatMap((t) =>
      t.partitions.filter((p) => Number(p.offset) >= 0).map((p) => ({ topic: t.topic, partition: p.partition, offset: Number(p.offset) })),
    );
  });
}

/** Commits `offsets` for the group as an admin (generation -1): Kafka accepts it only while the group has no members. */
export function setGroupOffsets(
  access: KafkaAccess,
  groupId: string,
  offsets: { topic: string; partition: number; offset: number }[],
): Promise<void> {
  return access.withAdmin(
    async (admin) => {
      await admin.fetchTopicMetadata({ topics: [...new Set(offsets.map((o) => o.topic))] });
      const topics = [...new Set(offsets.map((o) => o.topic))];
      for (const topic of topics) {
        const partitions = offsets.filter((o) => o.topic === topic).map((o) => ({ partition: o.partition, offset: String(o.offset) }));
        await admin.setOffsets({ groupId, topic, partitions });
      }
    },
    { write: true },
  );
}
