import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { cityHash128Bytes } from './city-hash.ts';
import { compressBlock, compressBlocks, type CompressedBlockError, decompressBlocks, MAX_BLOCK, METHOD_NONE } from './compressed-blocks.ts';

const fixture = <T>(name: string): T => JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8')) as T;
const mergeTree = fixture<{ blocks: Array<{ checksum: string; block: string; method: string }> }>('merge-tree-blocks.json');
const clientV2 = fixture<{ uncompressed: string; compressed: string }>('client-v2-lz4-block.json');

describe('CityHash128 v1.0.2 (ClickHouse block checksums)', () => {
  test('matches the checksums ClickHouse wrote into MergeTree .bin files (LZ4 and NONE, 12 to 979 bytes)', () => {
    assert.ok(mergeTree.blocks.length >= 8);
    for (const { checksum, block } of mergeTree.blocks) {
      assert.equal(cityHash128Bytes(Buffer.from(block, 'hex')).toString('hex'), checksum, `block of ${block.length / 2} bytes`);
    }
  });

  test('matches the checksum clickhouse-java client-v2 put on its own LZ4 block', () => {
    const block = Buffer.from(clientV2.compressed, 'hex');
    assert.equal(cityHash128Bytes(block.subarray(16)).toString('hex'), block.subarray(0, 16).toString('hex'));
  });
});

describe('compressed blocks', () => {
  test('decodes the block client-v2 sends with decompress=1', () => {
    assert.equal(decompressBlocks(Buffer.from(clientV2.compressed, 'hex')).toString('hex'), clientV2.uncompressed);
  });

  test('decodes the blocks ClickHouse wrote (LZ4 and NONE) to their stated sizes', () => {
    for (const { checksum, block } of mergeTree.blocks) {
      const raw = Buffer.from(block, 'hex');
      const decoded = decompressBlocks(Buffer.concat([Buffer.from(checksum, 'hex'), raw]));
      assert.equal(decoded.length, raw.readUInt32LE(5));
    }
  });

  test('round-trips LZ4 and NONE, splitting at 1 MiB, and an empty body is no block', () => {
    const data = Buffer.alloc(MAX_BLOCK * 2 + 12345);
    for (let i = 0; i < data.length; i++) data[i] = (i * 31 + (i >> 7)) & 0xff;
    const lz4 = compressBlocks(data);
    assert.ok(lz4.length < data.length);
    assert.ok(decompressBlocks(lz4).equals(data));
    assert.equal(lz4[16], 0x82);
    assert.ok(decompressBlocks(compressBlocks(data, METHOD_NONE)).equals(data));
    assert.equal(compressBlocks(Buffer.alloc(0)).length, 0);
    const incompressible = Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 2654435761) >>> 24));
    assert.ok(decompressBlocks(compressBlock(incompressible)).equals(incompressible));
  });

  test('a flipped byte is CHECKSUM_DOESNT_MATCH (40), an unknown method 89, a cut block 33', () => {
    const block = compressBlock(Buffer.from('SELECT 1 FORMAT RowBinary '.repeat(20)));
    const flipped = Buffer.from(block);
    flipped[flipped.length - 3]! ^= 0x01;
    const code = (input: Buffer) => {
      try {
        decompressBlocks(input);
        return 0;
      } catch (error) {
        return (error as CompressedBlockError).code;
      }
    };
    assert.equal(code(flipped), 40);
    const zstd = Buffer.from(block);
    zstd[16] = 0x90;
    cityHash128Bytes(zstd.subarray(16)).copy(zstd, 0);
    assert.equal(code(zstd), 89);
    assert.equal(code(block.subarray(0, block.length - 1)), 33);
  });
});
