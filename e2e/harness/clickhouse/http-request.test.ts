import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compressBlocks } from './compressed-blocks.ts';
import { type HttpError } from './http-errors.ts';
import { decodeBody, parseRequest, splitStatement } from './http-request.ts';

describe('ClickHouse HTTP request parsing', () => {
  test('credentials: X-ClickHouse headers, basic auth, parameters; mixing them is refused (516)', () => {
    const p = (q = '') => new URLSearchParams(q);
    assert.deepEqual(
      [parseRequest({ 'x-clickhouse-user': 'u', 'x-clickhouse-key': 'k' }, p()).password, parseRequest({}, p()).user],
      ['k', 'default'],
    );
    const basic = `Basic ${Buffer.from('alice:s:cret').toString('base64')}`;
    assert.deepEqual((({ user, password }) => [user, password])(parseRequest({ authorization: basic }, p())), ['alice', 's:cret']);
    assert.equal(parseRequest({}, p('user=bob&password=x')).user, 'bob');
    assert.throws(
      () => parseRequest({ 'x-clickhouse-user': 'u', authorization: basic }, p()),
      (e: HttpError) => e.code === 516,
    );
  });

  test('database, format and query id from headers or parameters; other parameters are settings', () => {
    const r = parseRequest(
      { 'x-clickhouse-database': 'pipeline', 'x-clickhouse-format': 'RowBinaryWithNamesAndTypes' },
      new URLSearchParams('database=other&compress=1&query_id=q1&describe_include_subcolumns=1&param_x=5&extremes=0'),
    );
    assert.deepEqual(
      [r.database, r.defaultFormat, r.queryId, r.compressResponse, r.settings, r.queryParams],
      [
        'pipeline',
        'RowBinaryWithNamesAndTypes',
        'q1',
        true,
        [
          ['describe_include_subcolumns', '1'],
          ['extremes', '0'],
        ],
        [['param_x', '5']],
      ],
    );
    assert.equal(parseRequest({}, new URLSearchParams('default_format=JSON')).defaultFormat, 'JSON');
    assert.throws(
      () => parseRequest({}, new URLSearchParams('bad-name=1')),
      (e: HttpError) => e.code === 115,
    );
  });

  test('decompress=1 bodies are decoded from compressed blocks', () => {
    const body = Buffer.from('INSERT INTO t FORMAT RowBinary\n\u0001\u0000');
    assert.ok(decodeBody(compressBlocks(body), {}, new URLSearchParams('decompress=1')).equals(body));
    assert.ok(decodeBody(body, {}, new URLSearchParams()).equals(body));
  });

  test('an INSERT … FORMAT splits into the statement and the raw bytes, wherever the query came from', () => {
    const data = Buffer.from([0x0a, 0x00, 0xff, 0x0a, 0x20]);
    const inUrl = splitStatement('INSERT INTO `events` FORMAT RowBinary', data);
    assert.equal(inUrl.kind, 'insert');
    if (inUrl.kind === 'insert') {
      assert.equal(inUrl.statement, 'INSERT INTO `events` FORMAT RowBinary');
      assert.equal(inUrl.format, 'RowBinary');
      assert.ok(inUrl.data.equals(data));
    }
    const inBody = splitStatement(
      '',
      Buffer.concat([Buffer.from('INSERT INTO db.t (a, b) SETTINGS async_insert=1 FORMAT Native  \n'), data]),
    );
    assert.ok(inBody.kind === 'insert' && inBody.data.equals(data) && inBody.format === 'Native');
    assert.deepEqual(splitStatement('SELECT 1 FORMAT JSON', Buffer.alloc(0)), {
      kind: 'query',
      sql: 'SELECT 1 FORMAT JSON\n',
      format: 'JSON',
    });
    const values = splitStatement('', Buffer.from("INSERT INTO t VALUES ('FORMAT x')"));
    assert.equal(values.kind, 'query');
    assert.throws(
      () => splitStatement('', Buffer.alloc(0)),
      (e: HttpError) => e.code === 62,
    );
  });
});

describe('INSERT … FROM INFILE rewrite (raw-insert.ts)', () => {
  test('FROM INFILE goes before SETTINGS or FORMAT, after the table and its columns', async () => {
    const { withInfile } = await import('./raw-insert.ts');
    assert.equal(
      withInfile('INSERT INTO `events` FORMAT RowBinary', '/s/x.bin'),
      "INSERT INTO `events` FROM INFILE '/s/x.bin' FORMAT RowBinary",
    );
    assert.equal(
      withInfile('INSERT INTO db.t (a, `format`) SETTINGS async_insert=1 FORMAT Native', '/s/x'),
      "INSERT INTO db.t (a, `format`) FROM INFILE '/s/x' SETTINGS async_insert=1 FORMAT Native",
    );
    assert.equal(
      withInfile('INSERT INTO TABLE `my db`.`t-1` FORMAT JSONEachRow', "/s/it's"),
      "INSERT INTO TABLE `my db`.`t-1` FROM INFILE '/s/it\\'s' FORMAT JSONEachRow",
    );
    assert.equal(withInfile("INSERT INTO FUNCTION file('x') FORMAT CSV", '/s/x'), null);
  });
});
