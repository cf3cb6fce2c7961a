import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitInlineCode } from './inline-code.ts';

test('backtick-quoted commands become code segments', () => {
  assert.deepEqual(splitInlineCode('Start it with `docker compose up -d kafka` and retry'), [
    { code: false, text: 'Start it with ' },
    { code: true, text: 'docker compose up -d kafka' },
    { code: false, text: ' and retry' },
  ]);
});

test('text without backticks, or with an unpaired one, stays plain', () => {
  assert.deepEqual(splitInlineCode('plain'), [{ code: false, text: 'plain' }]);
  assert.deepEqual(splitInlineCode('a ` b'), [{ code: false, text: 'a ` b' }]);
  assert.deepEqual(splitInlineCode(''), []);
});
