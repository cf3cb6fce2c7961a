/**
 * ClickHouse's native compressed block format — what the HTTP interface sends for `compress=1` and reads for
 * `decompress=1` (ClickHouse v26.8.1.1-lts: src/Compression/CompressedReadBufferBase.cpp, CompressedWriteBuffer.cpp,
 * CompressionInfo.h; docs/en/interfaces/http.md "compress"/"decompress"). Each block is
 *
 *   16 bytes  CityHash128 v1.0.2 of everything after it (low 64 bits first, each little-endian)
 *    1 byte   method: 0x82 LZ4, 0x02 NONE (0x90 ZSTD is not supported here)
 *    4 bytes  compressed size, counting these 9 header bytes (LE)
 *    4 bytes  uncompressed size (LE)
 *    …        data (an LZ4 block without a frame, or the raw bytes)
 *
 * clickhouse-java's readers insist on 0x82 (client-v2 ClickHouseLZ4InputStream at v0.9.5), so responses are LZ4.
 */
import { compressSync, uncompressSync } from 'lz4-napi';
import { cityHash128Bytes } from './city-hash.ts';

export const METHOD_NONE = 0x02;
export const METHOD_LZ4 = 0x82;
const METHOD_ZSTD = 0x90;
const HEADER = 9;
/** ClickHouse's max_compress_block_size default (1 MiB): the largest block the server writes. */
export const MAX_BLOCK = 1024 * 1024;
/** The largest block we accept (ClickHouse refuses over 1 GiB, DBMS_MAX_COMPRESSED_SIZE). */
const MAX_ACCEPTED = 1024 * 1024 * 1024;

export class CompressedBlockError extends Error {
  constructor(
    readonly code: number,
    readonly errorName: string,
    message: string,
  ) {
    super(message);
  }
}

/** One compressed block for `data` (at most MAX_BLOCK bytes). */
export function compressBlock(data: Uint8Array, method: number = METHOD_LZ4): Buffer {
  let payload: Buffer;
  if (method === METHOD_LZ4) {
    // lz4-napi returns lz4_flex's size-prepended block: a 4-byte LE length, then the plain LZ4 block.
    payload = compressSync(Buffer.from(data.buffer, data.byteOffset, data.byteLength)).subarray(4);
  } else if (method === METHOD_NONE) {
    payload = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  } else {
    throw new Error(`compressBlock: unsupported method 0x${method.toString(16)}`);
  }
  const block = Buffer.alloc(16 + HEADER + payload.byteLength);
  block[16] = method;
  block.writeUInt32LE(HEADER + payload.byteLength, 17);
  block.writeUInt32LE(data.byteLength, 21);
  payload.copy(block, 16 + HEADER);
  cityHash128Bytes(block.subarray(16)).copy(block, 0);
  return block;
}

/** The whole of `data` as a sequence of blocks of at most MAX_BLOCK uncompressed bytes. */
export function compressBlocks(data: Uint8Array, method: number = METHOD_LZ4): Buffer {
  if (data.byteLength === 0) return Buffer.alloc(0);
  const blocks: Buffer[] = [];
  for (let at = 0; at < data.byteLength; at += MAX_BLOCK) blocks.push(compressBlock(data.subarray(at, at + MAX_BLOCK), method));
  return Buffer.concat(blocks);
}

/**
 * Decodes a sequence of blocks, checking each checksum. Errors carry the exception ClickHouse raises for the same
 * fault (CHECKSUM_DOESNT_MATCH 40, UNKNOWN_COMPRESSION_METHOD 89, TOO_LARGE_SIZE_COMPRESSED 39,
 * CANNOT_DECOMPRESS 271, CANNOT_READ_ALL_DATA 33).
 */
export function decompressBlocks(input: Buffer): Buffer {
  const out: Buffer[] = [];
  let at = 0;
  while (at < input.byteLength) {
    if (input.byteLength - at < 16 + HEADER)
      throw new CompressedBlockError(33, 'CANNOT_READ_ALL_DATA', 'Cannot read all data: a compressed block header is cut short');
    const method = input[at + 16]!;
    const size = input.readUInt32LE(at + 17);
    const rawSize = input.readUInt32LE(at + 21);
    if (size > MAX_ACCEPTED || rawSize > MAX_ACCEPTED || size < HEADER)
      throw new CompressedBlockError(39, 'TOO_LARGE_SIZE_COMPRESSED', `Too large size_compressed_without_checksum: ${size}`);
    if (input.byteLength - at - 16 < size)
      throw new CompressedBlockError(33, 'CANNOT_READ_ALL_DATA', `Cannot read all data: block of ${size} bytes is cut short`);
    const block = input.subarray(at + 16, at + 16 + size);
    const expected = input.subarray(at, at + 16);
    if (!cityHash128Bytes(block).equals(expected))
      throw new CompressedBlockError(40, 'CHECKSUM_DOESNT_MATCH', "Checksum doesn't match: corrupted data");
    const payload = block.subarray(HEADER);
    if (method === METHOD_NONE) {
      if (payload.byteLength !== rawSize)
        throw new CompressedBlockError(271, 'CANNOT_DECOMPRESS', 'Cannot decompress: NONE block sizes differ');
      out.push(payload);
    } else if (method === METHOD_LZ4) {
      const prefixed = Buffer.alloc(4 + payload.byteLength);
      prefixed.writeUInt32LE(rawSize, 0);
      payload.copy(prefixed, 4);
      let raw: Buffer;
      try {
        raw = uncompressSync(prefixed);
      } catch (error) {
        throw new CompressedBlockError(271, 'CANNOT_DECOMPRESS', `Cannot decompress LZ4 block: ${(error as Error).message}`);
      }
      if (raw.byteLength !== rawSize) throw new CompressedBlockError(271, 'CANNOT_DECOMPRESS', 'Cannot decompress: LZ4 block size differs');
      out.push(raw);
    } else {
      const name = method === METHOD_ZSTD ? 'ZSTD (not supported by the harness adapter)' : `0x${method.toString(16)}`;
      throw new CompressedBlockError(89, 'UNKNOWN_COMPRESSION_METHOD', `Unknown compression method ${name}`);
    }
    at += 16 + size;
  }
  return Buffer.concat(out);
}
