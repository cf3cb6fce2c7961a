/**
 * One bounded page of a topic's messages, read without a consumer group. Each partition is a lane read in offset
 * order (forward from a position, or backward in windows below an upper bound); lanes are merged by timestamp
 * (newest first, or oldest first), so a page over all partitions is in time order while each partition's offsets
 * stay in order. The page stops at `limit` matches, MAX_PAGE_BYTES of messages, or MAX_SCANNED_MESSAGES read; the
 * cursor holds where each lane stopped.
 */
import {
  MAX_PAGE_BYTES,
  MAX_SCANNED_MESSAGES,
  type BrowseMessagesQuery,
  type BrowseMessagesResponse,
  type TopicMessage,
} from '../contracts/messages.ts';
import { decodeCursor, encodeCursor, type Direction } from '../domain/messages/cursor.ts';
import { matchesFilter } from '../domain/messages/decode.ts';
import { AppError } from '../errors/app-error.ts';
import type { KafkaAccess } from '../kafka/access.ts';
import {
  fetchRecords,
  offsetsForTimestamp,
  recordBytes,
  topicPartitions,
  watermarks,
  type FetchedRecord,
  type PartitionWatermarks,
} from '../kafka/messages.ts';
import type { RawCluster } from '../kafka/raw-cluster.ts';
import type { MessageDecoder } from './message-decoder.ts';

/** Bytes fetched from Kafka for one page (records skipped by a filter count too). */
const MAX_FETCH_BYTES = 4 * MAX_PAGE_BYTES;
const PARTITION_FETCH_BYTES = 1024 * 1024;
const MAX_ROUNDS = 200;
/** A timestamp this far ahead of the panel's clock is a mistake, not clock skew. */
const FUTURE_SLACK_MS = 60_000;
const DEFAULT_LIMIT = 50;

interface Lane {
  partition: number;
  low: number;
  high: number;
  /** Consumed up to here (forward: next offset; backward: exclusive upper bound). */
  pos: number;
  /** Fetched up to here, same convention. */
  fetchPos: number;
  /** Fetched, not yet consumed, in consumption order. */
  buffer: FetchedRecord[];
}

export async function browseMessages(
  access: KafkaAccess,
  decoder: MessageDecoder,
  topic: string,
  query: BrowseMessagesQuery,
  now = Date.now(),
): Promise<BrowseMessagesResponse> {
  const from = query.from ?? 'newest';
  const limit = query.limit ?? DEFAULT_LIMIT;
  checkParameters(query, from);
  return access.withCluster(async (cluster) => {
    const all = await topicPartitions(cluster, topic);
    if (query.partition !== undefined && !all.includes(query.partition)) {
      throw new AppError(
        404,
        'PARTITION_NOT_FOUND',
        `Topic ${topic} has no partition ${query.partition} (it has ${all.length}: 0..${all.length - 1})`,
        {
          topic,
          partition: query.partition,
        },
      );
    }
    const selected = query.partition === undefined ? all : [query.partition];
    const marks = await watermarks(cluster, topic, selected);
    const direction: Direction = from === 'newest' ? 'backward' : 'forward';
    const lanes = await startLanes(cluster, topic, query, from, direction, marks, now);
    const page = await readPage(cluster, topic, lanes, direction, decoder, limit, query.filter);
    const finished = lanes.every((l) => l.buffer.length === 0 && !canRefill(l, direction));
    const next = (l: Lane) => (l.buffer.length === 0 && !canRefill(l, direction) ? l.fetchPos : l.pos);
    return {
      topic,
      from,
      messages: page.messages,
      scanned: page.scanned,
      limitedBy: finished ? null : page.limitedBy,
      bytes: page.bytes,
      nextCursor: finished ? null : encodeCursor({ direction, positions: new Map(lanes.map((l) => [l.partition, next(l)])) }),
      partitions: lanes.map((l) => ({
        partition: l.partition,
        low: l.low,
        high: l.high,
        next: next(l),
        done: l.buffer.length === 0 && !canRefill(l, direction),
      })),
    };
  });
}

function checkParameters(query: BrowseMessagesQuery, from: string): void {
  const refuse = (message: string, field: string) =>
    new AppError(400, 'VALIDATION_FAILED', `${message}; nothing was read`, { field, rule: 'dependentRequired' });
  if (from === 'offset' && (query.offset === undefined || query.partition === undefined))
    throw refuse('from=offset needs `offset` and `partition` (an offset is a position in one partition)', 'query.offset');
  if (from === 'timestamp' && query.timestamp === undefined)
    throw refuse('from=timestamp needs `timestamp` (epoch milliseconds)', 'query.timestamp');
  if (query.offset !== undefined && from !== 'offset') throw refuse('`offset` is only read with from=offset', 'query.offset');
  if (query.timestamp !== undefined && from !== 'timestamp')
    throw refuse('`timestamp` is only read with from=timestamp', 'query.timestamp');
}

async function startLanes(
  cluster: RawCluster,
  topic: string,
  query: BrowseMessagesQuery,
  from: string,
  direction: Direction,
  marks: PartitionWatermarks[],
  now: number,
): Promise<Lane[]> {
  const lane = (m: PartitionWatermarks, pos: number): Lane => {
    const clamped = Math.min(Math.max(pos, m.low), m.high);
    return { partition: m.partition, low: m.low, high: m.high, pos: clamped, fetchPos: clamped, buffer: [] };
  };
  if (query.cursor !== undefined) {
    const decoded = decodeCursor(query.cursor);
    const invalid = (reason: string) =>
      new AppError(400, 'INVALID_CURSOR', `The cursor is not valid here: ${reason}; nothing was read`, { field: 'query.cursor' });
    if (!decoded.ok) throw invalid(decoded.reason);
    if (decoded.cursor.direction !== direction) throw invalid(`it continues a ${decoded.cursor.direction} page, not from=${from}`);
    const wanted = marks.map((m) => m.partition).join(',');
    const has = [...decoded.cursor.positions.keys()].sort((a, b) => a - b).join(',');
    if (wanted !== has) throw invalid(`it is for partitions ${has}, this page reads ${wanted}`);
    return marks.map((m) => lane(m, decoded.cursor.positions.get(m.partition) as number));
  }
  if (from === 'newest') return marks.map((m) => lane(m, m.high));
  if (from === 'oldest') return marks.map((m) => lane(m, m.low));
  if (from === 'offset') {
    const m = marks[0] as PartitionWatermarks;
    const offset = query.offset as number;
    if (offset < m.low || offset > m.high) {
      throw new AppError(
        400,
        'OFFSET_OUT_OF_RANGE',
        `Offset ${offset} is outside partition ${m.partition} of ${topic}: it holds offsets ${m.low}..${m.high - 1} (${m.high - m.low} messages; ${m.high} is the end); nothing was read`,
        { topic, partition: m.partition, offset, low: m.low, high: m.high },
      );
    }
    return [lane(m, offset)];
  }
  const timestamp = query.timestamp as number;
  if (timestamp > now + FUTURE_SLACK_MS) {
    throw new AppError(
      400,
      'TIMESTAMP_IN_FUTURE',
      `Timestamp ${new Date(timestamp).toISOString()} is in the future (the panel's clock says ${new Date(now).toISOString()}); no message can be that new, nothing was read`,
      { timestamp, now },
    );
  }
  const found = await offsetsForTimestamp(
    cluster,
    topic,
    marks.map((m) => m.partition),
    timestamp,
  );
  return marks.map((m) => lane(m, found.get(m.partition) ?? m.high));
}

const canRefill = (l: Lane, direction: Direction) => (direction === 'forward' ? l.fetchPos < l.high : l.fetchPos > l.low);

interface Page {
  messages: TopicMessage[];
  scanned: number;
  bytes: number;
  limitedBy: 'count' | 'bytes' | 'scan' | null;
}

async function readPage(
  cluster: RawCluster,
  topic: string,
  lanes: Lane[],
  direction: Direction,
  decoder: MessageDecoder,
  limit: number,
  filter: string | undefined,
): Promise<Page> {
  const page: Page = { messages: [], scanned: 0, bytes: 0, limitedBy: null };
  const budget = { fetched: 0, rounds: 0 };
  for (;;) {
    if (page.messages.length >= limit) return { ...page, limitedBy: 'count' };
    const empty = lanes.filter((l) => l.buffer.length === 0 && canRefill(l, direction));
    if (empty.length > 0) {
      if (budget.fetched >= MAX_FETCH_BYTES) return { ...page, limitedBy: 'bytes' };
      if (budget.rounds >= MAX_ROUNDS) return { ...page, limitedBy: 'scan' };
      budget.rounds += 1;
      const want = Math.max(1, Math.ceil((limit - page.messages.length) / lanes.length)) * (filter ? 4 : 1);
      // One lane after another: kafkajs opens a broker's fetch connection lazily, and two Fetches racing to open it
      // leave a socket behind.
      const fetched: FetchedRecord[] = [];
      for (const lane of empty) fetched.push(...(await refill(cluster, topic, lane, direction, Math.min(500, want), budget)));
      await decoder.prepare(fetched);
      continue;
    }
    const ready = lanes.filter((l) => l.buffer.length > 0);
    if (ready.length === 0) return page;
    const lane = ready.reduce((best, l) => (isBefore(l.buffer[0] as FetchedRecord, best.buffer[0] as FetchedRecord, direction) ? l : best));
    const record = lane.buffer[0] as FetchedRecord;
    const decoded = decoder.decode(record);
    if (matchesFilter(filter, decoded.key, decoded.value)) {
      const size = recordBytes(record);
      if (page.bytes + size > MAX_PAGE_BYTES && page.messages.length > 0) return { ...page, limitedBy: 'bytes' };
      page.messages.push(decoded.message);
      page.bytes += size;
    }
    lane.buffer.shift();
    lane.pos = direction === 'forward' ? record.offset + 1 : record.offset;
    page.scanned += 1;
    if (page.scanned >= MAX_SCANNED_MESSAGES) return { ...page, limitedBy: 'scan' };
  }
}

/** Newest first: the later timestamp goes first; oldest first: the earlier. Ties: lower partition, then offset order. */
function isBefore(a: FetchedRecord, b: FetchedRecord, direction: Direction): boolean {
  if (a.timestamp !== b.timestamp) return direction === 'backward' ? a.timestamp > b.timestamp : a.timestamp < b.timestamp;
  return a.partition < b.partition;
}

/** Fetches the lane's next stretch: forward from fetchPos, or the window of `count` offsets below it. */
async function refill(
  cluster: RawCluster,
  topic: string,
  lane: Lane,
  direction: Direction,
  count: number,
  budget: { fetched: number },
): Promise<FetchedRecord[]> {
  const start = direction === 'forward' ? lane.fetchPos : Math.max(lane.low, lane.fetchPos - count);
  const end = direction === 'forward' ? lane.high : lane.fetchPos;
  const records: FetchedRecord[] = [];
  let at = start;
  let answered = true;
  while (at < end) {
    const [answer] = await fetchRecords(cluster, topic, [{ partition: lane.partition, offset: at, maxBytes: PARTITION_FETCH_BYTES }]);
    budget.fetched += answer?.bytes ?? 0;
    if (!answer || answer.nextOffset === null) {
      answered = false;
      break;
    }
    records.push(...answer.records.filter((r) => r.offset < end));
    at = answer.nextOffset;
    // Forward reads one response at a time; a backward window is read whole, since its newest records come first.
    if (direction === 'forward') break;
    if (at < end && budget.fetched >= MAX_FETCH_BYTES) return []; // incomplete window: nothing consumed, the page stops
  }
  if (direction === 'forward') {
    // Nothing came back (e.g. only an open transaction ahead): the lane is done for this page.
    lane.fetchPos = answered ? Math.min(at, end) : end;
    lane.buffer = records;
  } else {
    lane.fetchPos = start;
    lane.buffer = records.reverse();
  }
  return records;
}
