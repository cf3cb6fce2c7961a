import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { interpolate } from './interpolate.ts';
import { parseEnvFile } from './env-file.ts';

describe('interpolate', () => {
  const env = { SET: 'value', EMPTY: '', PORT: '9094' };

  test('plain and braced variables', () => {
    assert.equal(interpolate('a-$SET-${SET}-b', env), 'a-value-value-b');
    assert.equal(interpolate('${MISSING}|$MISSING', env), '|');
  });

  test(':- uses the default when unset or empty, - only when unset', () => {
    assert.equal(interpolate('${MISSING:-d}', env), 'd');
    assert.equal(interpolate('${EMPTY:-d}', env), 'd');
    assert.equal(interpolate('${EMPTY-d}', env), '');
    assert.equal(interpolate('${MISSING-d}', env), 'd');
    assert.equal(interpolate('${SET:-d}', env), 'value');
  });

  test('defaults may nest interpolations', () => {
    assert.equal(interpolate('${MISSING:-localhost:${PORT}}', env), 'localhost:9094');
  });

  test(':? and ? fail with the given message', () => {
    assert.throws(
      () => interpolate('${MISSING:?set MISSING in .env}', env),
      (e: Error & { code?: string }) => {
        assert.equal(e.code, 'COMPOSE_REQUIRED_VARIABLE');
        assert.match(e.message, /MISSING.*set MISSING in \.env/);
        return true;
      },
    );
    assert.throws(() => interpolate('${EMPTY:?x}', env), /EMPTY/);
    assert.equal(interpolate('${EMPTY?x}', env), '');
    assert.equal(interpolate('${SET:?x}', env), 'value');
  });

  test(':+ and + give the alternative when set', () => {
    assert.equal(interpolate('${SET:+alt}', env), 'alt');
    assert.equal(interpolate('${EMPTY:+alt}', env), '');
    assert.equal(interpolate('${EMPTY+alt}', env), 'alt');
  });

  test('$$ escapes a dollar sign', () => {
    assert.equal(interpolate('echo $$HOME $${SET}', env), 'echo $HOME ${SET}');
  });

  test('an unclosed brace is a clear error', () => {
    assert.throws(() => interpolate('${SET', env), /Unclosed/);
  });
});

describe('parseEnvFile', () => {
  test('comments, quotes, export and inline comments', () => {
    const env = parseEnvFile(
      ['# comment', 'A=1', 'export B = two ', 'C="quoted # kept"', "D='single'", 'E=val # note', '', 'F=', 'not a line'].join('\n'),
    );
    assert.deepEqual(env, { A: '1', B: 'two', C: 'quoted # kept', D: 'single', E: 'val', F: '' });
  });
});
