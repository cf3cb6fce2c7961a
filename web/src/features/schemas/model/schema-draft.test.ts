import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CompatibilityVerdict } from '@pipeline-panel/server/contracts';
import { canRegister, defaultComparison, describeVerdict, draftKey, newestFirst, prettyJson } from './schema-draft.ts';

const verdict = (over: Partial<CompatibilityVerdict>): CompatibilityVerdict => ({
  subject: 's',
  subjectExists: true,
  compatible: true,
  messages: [],
  incompatibilities: [],
  disagreement: false,
  level: 'BACKWARD',
  ...over,
});

describe('canRegister', () => {
  const text = '{"type":"string"}';
  test('nothing checked yet → disabled', () => {
    assert.equal(canRegister(text, null), false);
  });
  test('checked and compatible for this exact text → enabled', () => {
    assert.equal(canRegister(text, { key: draftKey(text), verdict: verdict({}) }), true);
  });
  test('edited after the check → disabled again', () => {
    assert.equal(canRegister('{"type":"long"}', { key: draftKey(text), verdict: verdict({}) }), false);
  });
  test('only surrounding whitespace changed → still enabled', () => {
    assert.equal(canRegister(`\n${text}  \n`, { key: draftKey(text), verdict: verdict({}) }), true);
  });
  test('the registry refused it → disabled', () => {
    assert.equal(canRegister(text, { key: draftKey(text), verdict: verdict({ compatible: false }) }), false);
  });
  test('a first version (nothing to compare) → enabled', () => {
    assert.equal(canRegister(text, { key: draftKey(text), verdict: verdict({ subjectExists: false, compatible: null }) }), true);
  });
  test('empty text → disabled', () => {
    assert.equal(canRegister('  ', { key: '', verdict: verdict({}) }), false);
  });
});

describe('describeVerdict', () => {
  test('compatible names the version and level', () => {
    assert.deepEqual(describeVerdict(verdict({}), 3), { tone: 'ok', headline: 'Compatible with version 3 under BACKWARD.' });
  });
  test('incompatible is bad and says the registry would refuse', () => {
    const look = describeVerdict(verdict({ compatible: false, level: 'FULL' }), 2);
    assert.equal(look.tone, 'bad');
    assert.match(look.headline, /version 2 under FULL/);
    assert.match(look.headline, /refuse/);
  });
  test('level NONE says that nothing was compared', () => {
    assert.match(describeVerdict(verdict({ level: 'NONE' }), 1).headline, /^Accepted: the level is NONE/);
  });
  test('new subject is informational', () => {
    assert.equal(describeVerdict(verdict({ subjectExists: false, compatible: null }), null).tone, 'info');
  });
});

test('prettyJson indents JSON and leaves other text alone', () => {
  assert.equal(prettyJson('{"a":1}'), '{\n  "a": 1\n}');
  assert.equal(prettyJson('{not json'), '{not json');
});

test('newestFirst sorts without touching the input', () => {
  const input = [1, 3, 2];
  assert.deepEqual(newestFirst(input), [3, 2, 1]);
  assert.deepEqual(input, [1, 3, 2]);
});

test('a comparison starts with the version before the latest against the latest', () => {
  assert.deepEqual(defaultComparison([1, 3, 2]), { from: 2, to: 3 });
  assert.deepEqual(defaultComparison([1]), { from: null, to: null });
});
