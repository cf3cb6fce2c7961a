/**
 * CityHash128 as of CityHash v1.0.2 — the version ClickHouse vendors (contrib/cityhash102) and uses for the 16-byte
 * checksum of every compressed block (src/Compression/CompressedReadBufferBase.cpp, ClickHouse v26.8.1.1-lts). Later
 * CityHash releases changed the function, so a current CityHash library gives other values.
 *
 * Written from the algorithm's description (Pike & Alakuijala, CityHash v1.0.2) with 64-bit BigInt arithmetic; the
 * unit test checks it against checksums ClickHouse itself wrote into MergeTree .bin files and against blocks that
 * clickhouse-java's LZ4 streams produce.
 */

const MASK = (1n << 64n) - 1n;
const K0 = 0xc3a5c85c97cb3127n;
const K1 = 0xb492b66fbe98f273n;
const K2 = 0x9ae16a3b2f90404fn;
const K3 = 0xc949d7c7509e6557n;
const KMUL = 0x9ddfea08eb382d69n;

const u64 = (x: bigint): bigint => x & MASK;
const mul = (a: bigint, b: bigint): bigint => (a * b) & MASK;
const add = (...xs: bigint[]): bigint => xs.reduce((s, x) => s + x, 0n) & MASK;
const rot = (x: bigint, shift: number): bigint => (shift === 0 ? x : ((x >> BigInt(shift)) | (x << BigInt(64 - shift))) & MASK);
const shiftMix = (x: bigint): bigint => x ^ (x >> 47n);

function hashLen16(u: bigint, v: bigint): bigint {
  let a = mul(u ^ v, KMUL);
  a ^= a >> 47n;
  let b = mul(v ^ a, KMUL);
  b ^= b >> 47n;
  return mul(b, KMUL);
}

class Reader {
  constructor(private readonly view: DataView) {}
  u64(at: number): bigint {
    return this.view.getBigUint64(at, true);
  }
  u32(at: number): bigint {
    return BigInt(this.view.getUint32(at, true));
  }
  byte(at: number): bigint {
    return BigInt(this.view.getUint8(at));
  }
}

function hashLen0to16(r: Reader, at: number, len: number): bigint {
  const n = BigInt(len);
  if (len > 8) {
    const a = r.u64(at);
    const b = r.u64(at + len - 8);
    return hashLen16(a, rot(add(b, n), len)) ^ b;
  }
  if (len >= 4) {
    return hashLen16(add(r.u32(at) << 3n, n), r.u32(at + len - 4));
  }
  if (len > 0) {
    const y = r.byte(at) + (r.byte(at + (len >> 1)) << 8n);
    const z = n + (r.byte(at + len - 1) << 2n);
    return mul(shiftMix(mul(y, K2) ^ mul(z, K3)), K2);
  }
  return K2;
}

/** The 16..127-byte path of CityHash128WithSeed (v1.0.2's CityMurmur). */
function cityMurmur(r: Reader, at: number, len: number, seedLow: bigint, seedHigh: bigint): [bigint, bigint] {
  let a = seedLow;
  let b = seedHigh;
  let c: bigint;
  let d: bigint;
  let left = len - 16;
  if (left <= 0) {
    a = mul(shiftMix(mul(a, K1)), K1);
    c = add(mul(b, K1), hashLen0to16(r, at, len));
    d = shiftMix(add(a, len >= 8 ? r.u64(at) : c));
  } else {
    c = hashLen16(add(r.u64(at + len - 8), K1), a);
    d = hashLen16(add(b, BigInt(len)), add(c, r.u64(at + len - 16)));
    a = add(a, d);
    let p = at;
    do {
      a ^= mul(shiftMix(mul(r.u64(p), K1)), K1);
      a = mul(a, K1);
      b ^= a;
      c ^= mul(shiftMix(mul(r.u64(p + 8), K1)), K1);
      c = mul(c, K1);
      d ^= c;
      p += 16;
      left -= 16;
    } while (left > 0);
  }
  a = hashLen16(a, c);
  b = hashLen16(d, b);
  return [a ^ b, hashLen16(b, a)];
}

/** WeakHashLen32WithSeeds over the 32 bytes at `at`, seeded with (a, b). */
function weak32(r: Reader, at: number, a0: bigint, b0: bigint): [bigint, bigint] {
  const w = r.u64(at);
  const x = r.u64(at + 8);
  const y = r.u64(at + 16);
  const z = r.u64(at + 24);
  let a = add(a0, w);
  let b = rot(add(b0, a, z), 21);
  const c = a;
  a = add(a, x, y);
  b = add(b, rot(a, 44));
  return [add(a, z), add(b, c)];
}

function cityHash128WithSeed(r: Reader, start: number, length: number, seedLow: bigint, seedHigh: bigint): [bigint, bigint] {
  if (length < 128) return cityMurmur(r, start, length, seedLow, seedHigh);
  let len = length;
  let p = start;
  let x = seedLow;
  let y = seedHigh;
  let z = mul(BigInt(len), K1);
  let v0 = add(mul(rot(y ^ K1, 49), K1), r.u64(p));
  let v1 = add(mul(rot(v0, 42), K1), r.u64(p + 8));
  let w0 = add(mul(rot(add(y, z), 35), K1), x);
  let w1 = mul(rot(add(x, r.u64(p + 88)), 53), K1);
  const round = () => {
    x = mul(rot(add(x, y, v0, r.u64(p + 16)), 37), K1);
    y = mul(rot(add(y, v1, r.u64(p + 48)), 42), K1);
    x ^= w1;
    y ^= v0;
    z = rot(z ^ w0, 33);
    [v0, v1] = weak32(r, p, mul(v1, K1), add(x, w0));
    [w0, w1] = weak32(r, p + 32, add(z, w1), y);
    [z, x] = [x, z];
    p += 64;
  };
  do {
    round();
    round();
    len -= 128;
  } while (len >= 128);
  y = add(y, mul(rot(w0, 37), K0), z);
  x = add(x, mul(rot(add(v0, z), 49), K0));
  for (let done = 0; done < len;) {
    done += 32;
    y = add(mul(rot(u64(y - x), 42), K0), v1);
    w0 = add(w0, r.u64(p + len - done + 16));
    x = add(mul(rot(x, 49), K0), w0);
    w0 = add(w0, v0);
    [v0, v1] = weak32(r, p + len - done, v0, v1);
  }
  x = hashLen16(x, v0);
  y = hashLen16(y, w0);
  return [add(hashLen16(add(x, v1), w1), y), hashLen16(add(x, w1), add(y, v1))];
}

/** CityHash128 (v1.0.2) of `data`: [low64, high64], the order ClickHouse writes them in (little-endian each). */
export function cityHash128(data: Uint8Array): [bigint, bigint] {
  const r = new Reader(new DataView(data.buffer, data.byteOffset, data.byteLength));
  const len = data.byteLength;
  if (len >= 16) return cityHash128WithSeed(r, 16, len - 16, r.u64(0) ^ K3, r.u64(8));
  if (len >= 8) {
    const empty = new Reader(new DataView(new ArrayBuffer(0)));
    return cityHash128WithSeed(empty, 0, 0, r.u64(0) ^ mul(BigInt(len), K0), r.u64(len - 8) ^ K1);
  }
  return cityHash128WithSeed(r, 0, len, K0, K1);
}

/** The 16 checksum bytes ClickHouse puts in front of a compressed block. */
export function cityHash128Bytes(data: Uint8Array): Buffer {
  const [low, high] = cityHash128(data);
  const out = Buffer.alloc(16);
  out.writeBigUInt64LE(low, 0);
  out.writeBigUInt64LE(high, 8);
  return out;
}
