import assert from 'node:assert/strict';
import { test } from 'node:test';
import { containerIdsFromProc, idCandidatesFromHostname, isSelfContainer } from './self-container.ts';

const ID = '3f1c'.repeat(16);

test('reads the container id from the bind mounts Docker adds to every container', () => {
  const mountinfo = [
    '600 590 0:52 / / rw,relatime master:1 - overlay overlay rw',
    `611 600 8:1 /var/lib/docker/containers/${ID}/resolv.conf /etc/resolv.conf rw,relatime - ext4 /dev/sda1 rw`,
    `612 600 8:1 /var/lib/docker/containers/${ID}/hostname /etc/hostname rw,relatime - ext4 /dev/sda1 rw`,
  ].join('\n');
  assert.deepEqual(containerIdsFromProc(mountinfo, ''), [ID]);
  assert.deepEqual(containerIdsFromProc('', `12:memory:/docker/${ID}\n`), [ID]);
  assert.deepEqual(containerIdsFromProc('600 590 0:52 / / rw - ext4 /dev/sda1 rw', '0::/user.slice'), []);
});

test('a 12-hex hostname is a short id; other host names are not', () => {
  assert.deepEqual(idCandidatesFromHostname(ID.slice(0, 12)), [ID.slice(0, 12)]);
  assert.deepEqual(idCandidatesFromHostname('laptop'), []);
  assert.equal(isSelfContainer(ID, [ID.slice(0, 12)]), true);
  assert.equal(isSelfContainer(ID, ['3f1c']), false);
  assert.equal(isSelfContainer('a'.repeat(64), [ID]), false);
});
