import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { classifyAddress, isIpLiteral, isPublicAddress } from './safe-fetch-address.ts';

/**
 * The address rule over a table: no packet is sent (this machine may not reach the internet or the
 * private ranges), so public addresses are checked here, as values, and nowhere else.
 */
const REFUSED: Array<[address: string, range: string]> = [
  ['127.0.0.1', 'loopback'],
  ['127.255.255.254', 'loopback'],
  ['::1', 'loopback'],
  ['[::1]', 'loopback'],
  ['::ffff:127.0.0.1', 'ipv4Mapped'],
  ['::ffff:7f00:1', 'ipv4Mapped'],
  ['::ffff:10.0.0.1', 'ipv4Mapped'],
  ['::ffff:8.8.8.8', 'ipv4Mapped'],
  ['10.0.0.1', 'private'],
  ['10.255.255.255', 'private'],
  ['172.16.0.1', 'private'],
  ['172.31.255.255', 'private'],
  ['192.168.0.1', 'private'],
  ['192.168.255.255', 'private'],
  ['100.64.0.1', 'carrierGradeNat'],
  ['100.100.100.200', 'carrierGradeNat'],
  ['100.127.255.255', 'carrierGradeNat'],
  ['169.254.169.254', 'linkLocal'],
  ['169.254.0.1', 'linkLocal'],
  ['fe80::1', 'linkLocal'],
  ['fe80::1%eth0', 'linkLocal'],
  ['fc00::1', 'uniqueLocal'],
  ['fd00:ec2::254', 'uniqueLocal'],
  ['fdff:ffff::1', 'uniqueLocal'],
  ['0.0.0.0', 'unspecified'],
  ['0.1.2.3', 'unspecified'],
  ['::', 'unspecified'],
  ['224.0.0.1', 'multicast'],
  ['239.255.255.250', 'multicast'],
  ['ff02::1', 'multicast'],
  ['255.255.255.255', 'broadcast'],
  ['192.0.2.1', 'reserved'],
  ['198.51.100.7', 'reserved'],
  ['203.0.113.9', 'reserved'],
  ['240.0.0.1', 'reserved'],
  ['2001:db8::1', 'reserved'],
  ['198.18.0.1', 'reserved'],
  ['64:ff9b::7f00:1', 'rfc6052'],
  ['2002:7f00:1::1', '6to4'],
  ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'teredo'],
  ['::7f00:1', 'notGlobalUnicast'],
];

const ALLOWED = ['8.8.8.8', '1.1.1.1', '93.184.216.34', '172.32.0.1', '100.128.0.1', '192.169.0.1', '2606:4700:4700::1111', '2001:4860:4860::8888', '2a00:1450:4001:80b::200e'];

describe('the outbound address rule', () => {
  for (const [address, range] of REFUSED) {
    it(`refuses ${address} (${range})`, () => {
      const verdict = classifyAddress(address);
      assert.equal(verdict.allowed, false);
      assert.equal(verdict.range, range);
      assert.equal(isPublicAddress(address), false);
    });
  }

  for (const address of ALLOWED) {
    it(`allows the public address ${address}`, () => {
      assert.equal(classifyAddress(address).range, 'unicast');
      assert.equal(isPublicAddress(address), true);
    });
  }

  it('writes the address it judged canonically, so a refusal names it plainly', () => {
    assert.equal(classifyAddress('[::ffff:127.0.0.1]').address, '::ffff:7f00:1');
    assert.equal(classifyAddress('FD00:0EC2:0000::0254').address, 'fd00:ec2::254');
  });

  it('takes only four-part decimal IPv4 as an address: shorthand forms resolvers disagree on are no address at all', () => {
    for (const text of ['127.1', '0x7f.0.0.1', '2130706433', '017700000001', 'localhost', 'example.com', '', '1.2.3.4.5']) {
      assert.equal(isIpLiteral(text), false, text);
      assert.equal(isPublicAddress(text), false, text);
      assert.throws(() => classifyAddress(text), TypeError);
    }
  });
});
