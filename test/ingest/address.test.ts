import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nonPublicReason, parseV6 } from '../../src/ingest/address.js';

describe('nonPublicReason', () => {
  const refused: [string, RegExp][] = [
    ['127.0.0.1', /^loopback$/],
    ['127.8.9.10', /^loopback$/],
    ['10.1.2.3', /^private$/],
    ['172.16.0.1', /^private$/],
    ['172.31.255.255', /^private$/],
    ['192.168.1.1', /^private$/],
    ['169.254.169.254', /^link-local$/],
    ['0.0.0.0', /^unspecified$/],
    ['100.64.0.1', /carrier-grade NAT/],
    ['224.0.0.1', /^multicast$/],
    ['255.255.255.255', /^reserved$/],
    ['::', /^unspecified$/],
    ['::1', /^loopback$/],
    ['[::1]', /^loopback$/],
    ['fe80::1%eth0', /^link-local$/],
    ['fd12:3456::1', /^unique-local$/],
    ['fc00::1', /^unique-local$/],
    ['ff02::1', /^multicast$/],
    ['::ffff:127.0.0.1', /^loopback \(IPv4-mapped 127\.0\.0\.1\)$/],
    ['::ffff:7f00:1', /^loopback \(IPv4-mapped/],
    ['::ffff:10.0.0.1', /^private \(IPv4-mapped/],
    ['::ffff:169.254.169.254', /^link-local \(IPv4-mapped/],
    ['::127.0.0.1', /^loopback \(IPv4-compatible/],
    ['64:ff9b::192.168.0.1', /^private \(NAT64/],
    ['2002:c0a8:0101::1', /^private \(6to4 192\.168\.1\.1\)$/],
    ['2001:db8::1', /^documentation$/],
    ['not-an-ip', /^invalid address$/],
  ];
  for (const [addr, why] of refused) {
    it(`refuses ${addr}`, () => assert.match(nonPublicReason(addr) ?? 'public', why));
  }

  for (const addr of ['93.184.216.34', '8.8.8.8', '172.32.0.1', '2606:4700::1111', '::ffff:8.8.8.8', '64:ff9b::808:808', '2002:0808:0808::1']) {
    it(`allows ${addr}`, () => assert.equal(nonPublicReason(addr), null));
  }

  it('parses compressed IPv6 with an embedded IPv4 tail', () => {
    assert.deepEqual(parseV6('::ffff:1.2.3.4'), [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 1, 2, 3, 4]);
    assert.equal(parseV6('1.2.3.4'), null);
  });
});
