import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { apiName, requestHeader, rewriteBrokerPorts, splitFrames } from './kafka-proxy.ts';

const int16 = (v: number) => Buffer.from([(v >> 8) & 0xff, v & 0xff]);
const int32 = (v: number) => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(v);
  return b;
};
const str = (s: string | null) => (s === null ? int16(-1) : Buffer.concat([int16(Buffer.byteLength(s)), Buffer.from(s)]));
const frame = (...parts: Buffer[]) => {
  const body = Buffer.concat(parts);
  return Buffer.concat([int32(body.length), body]);
};

/** Metadata v6 response: correlation id, throttle, brokers [node_id, host, port, rack], then the rest (opaque here). */
const metadataV6 = (ports: number[]) =>
  frame(
    int32(7),
    int32(0),
    int32(ports.length),
    ...ports.flatMap((port, i) => [int32(i + 1), str('127.0.0.1'), int32(port), str(i === 0 ? null : 'zone-a')]),
    str('cluster'),
    int32(1),
    int32(0),
  );

describe('kafka proxy framing', () => {
  test('splitFrames keeps an incomplete frame for the next chunk', () => {
    const a = frame(int32(1), int16(3));
    const b = frame(int32(2));
    const joined = Buffer.concat([a, b.subarray(0, 5)]);
    const { frames, rest } = splitFrames(joined);
    assert.equal(frames.length, 1);
    assert.deepEqual(frames[0], a);
    assert.equal(rest.length, 5);
    assert.deepEqual(splitFrames(Buffer.concat([rest, b.subarray(5)])).frames, [b]);
  });

  test('requestHeader reads api key, version and correlation id', () => {
    const request = frame(int16(3), int16(6), int32(42), str('pipeline-panel'));
    assert.deepEqual(requestHeader(request), { apiKey: 3, apiVersion: 6, correlationId: 42 });
    assert.equal(apiName(3), 'Metadata');
    assert.equal(apiName(999), 'api#999');
  });

  test('Metadata v6: the broker port becomes the proxy port, every other byte stays', () => {
    const original = metadataV6([9092, 9093]);
    const rewritten = Buffer.from(original);
    rewriteBrokerPorts(rewritten, 3, 6, 9092, 40000);
    assert.deepEqual(rewritten, metadataV6([40000, 9093]), 'only the matching port changed; the null rack was skipped');
  });

  test('Metadata v0 (no throttle, no rack) and FindCoordinator v1/v2', () => {
    const v0 = frame(int32(1), int32(1), int32(1), str('127.0.0.1'), int32(9092), int32(0));
    rewriteBrokerPorts(v0, 3, 0, 9092, 1);
    assert.equal(v0.readInt32BE(4 + 4 + 4 + 4 + 2 + 9), 1);

    const coordinator = (port: number) => frame(int32(5), int32(0), int16(0), str(null), int32(1), str('127.0.0.1'), int32(port));
    const found = coordinator(9092);
    rewriteBrokerPorts(found, 10, 2, 9092, 40000);
    assert.deepEqual(found, coordinator(40000));
  });

  test('flexible versions and other APIs pass unchanged', () => {
    const original = metadataV6([9092]);
    for (const [key, version] of [
      [3, 9],
      [10, 3],
      [2, 5],
    ] as const) {
      const copy = Buffer.from(original);
      rewriteBrokerPorts(copy, key, version, 9092, 40000);
      assert.deepEqual(copy, original);
    }
  });
});
