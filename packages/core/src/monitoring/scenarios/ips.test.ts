import assert from 'node:assert/strict';
import { isIP } from 'node:net';
import { test } from 'node:test';
import { IP_REGIONS, IpPools, documentationGeo, documentationIps } from './ips.ts';

/** Whether an address lies in a range reserved for documentation (RFC 5737, RFC 3849). */
function isDocumentation(ip: string): boolean {
  return /^(192\.0\.2|198\.51\.100|203\.0\.113)\.\d+$/.test(ip) || /^2001:db8:/i.test(ip);
}

test('the default addresses are documentation addresses, distinct, and map back to their region', () => {
  const all = new Set<string>();
  for (const region of IP_REGIONS) {
    const ips = documentationIps(region, region === 'JP' ? 4000 : 40);
    assert.equal(new Set(ips).size, ips.length, `${region}: distinct`);
    for (const ip of ips) {
      assert.ok(isIP(ip), `${ip} parses`);
      assert.ok(isDocumentation(ip), `${ip} is reserved for documentation`);
      assert.ok(!all.has(ip), `${ip} belongs to one region only`);
      all.add(ip);
      const geo = documentationGeo(ip);
      assert.ok(geo, `${ip} maps back`);
      assert.equal(geo.region ?? geo.country, region);
    }
  }
  assert.deepEqual(documentationIps('UA-43', 2), ['192.0.2.241', '192.0.2.242']);
  assert.deepEqual(documentationGeo('192.0.2.241'), { country: 'UA', region: 'UA-43' });
  assert.equal(documentationGeo('8.8.8.8'), undefined);
});

test('pools hand out addresses without replacement, then reuse them round-robin; an empty answer is an error', () => {
  const pools = new IpPools((region, count) => documentationIps(region, Math.min(count, 3)), () => 10);
  const got = Array.from({ length: 5 }, () => pools.take('RU'));
  assert.equal(new Set(got.slice(0, 3)).size, 3);
  assert.equal(got[3], got[0]);
  const empty = new IpPools(() => [], () => 1);
  assert.throws(() => empty.take('UA-40'), /ipsFor\('UA-40'\) returned no address/);
});
