import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { isSekishoError } from '@sekisho/core/errors';
import { ServerErrors } from '../errors.ts';
import { createAnonymiser, DEFAULT_HOSTING_ASNS, DEFAULT_VPN_ASNS, loadAsnList, loadTorExitList } from './anonymiser.ts';

const here = dirname(fileURLToPath(import.meta.url));
const fixture = (name: string) => resolve(here, '../../test/fixtures/tor', name);
const code = (spec: { code: string }) => (error: unknown) => isSekishoError(error, spec.code);

describe('Tor exit lists', () => {
  test('the bulk exit list and the exit-addresses format both load', async () => {
    assert.deepEqual([...(await loadTorExitList(fixture('torbulkexitlist')))].sort(), ['192.0.2.10', '192.0.2.11', '198.51.100.7', '203.0.113.200']);
    // Every ExitAddress counts, a relay may have several.
    assert.deepEqual([...(await loadTorExitList(fixture('exit-addresses')))].sort(), ['192.0.2.10', '198.51.100.7', '198.51.100.8', '203.0.113.200']);
  });

  describe('files that are not a Tor exit list', () => {
    let dir: string;
    before(() => { dir = mkdtempSync(join(tmpdir(), 'sekisho-tor-')); });
    after(() => rmSync(dir, { recursive: true, force: true }));
    const write = (name: string, text: string) => { const p = join(dir, name); writeFileSync(p, text); return p; };

    test('a line of neither format is SEK_FILE_READ naming the line', async () => {
      const html = write('page.html', '192.0.2.1\n\n<html><body>Rate limited</body></html>\n');
      await assert.rejects(loadTorExitList(html), (error: unknown) => {
        assert.ok(isSekishoError(error, ServerErrors.FILE_READ.code));
        assert.equal(error.details.position, 'line 3');
        return true;
      });
      await assert.rejects(loadTorExitList(write('bad-exit', 'ExitNode 0000000000000000000000000000000000000A01\nExitAddress 300.1.1.1 2026-06-01 13:09:58\n')), code(ServerErrors.FILE_READ));
      await assert.rejects(loadTorExitList(write('bad-node', 'ExitNode relay1\n')), code(ServerErrors.FILE_READ));
      await assert.rejects(loadTorExitList(write('csv', '192.0.2.1,exit\n')), code(ServerErrors.FILE_READ));
    });

    test('a file without a single address is SEK_FILE_READ; a missing one SEK_FILE_NOT_FOUND', async () => {
      await assert.rejects(loadTorExitList(write('empty', '')), code(ServerErrors.FILE_READ));
      await assert.rejects(loadTorExitList(write('comments', '# nothing yet\n\n')), code(ServerErrors.FILE_READ));
      const headersOnly = write('headers', 'ExitNode 0000000000000000000000000000000000000A01\nPublished 2026-06-01 03:35:27\n');
      await assert.rejects(loadTorExitList(headersOnly), code(ServerErrors.FILE_READ));
      await assert.rejects(loadTorExitList(join(dir, 'absent')), code(ServerErrors.FILE_NOT_FOUND));
    });

    test('CollecTor archive headers, CRLF line ends and IPv6 exits are accepted', async () => {
      const archived = write('2026-06-01-00-00-00', '@type tordnsel 1.0\r\nDownloaded 2026-06-01 00:02:02\r\nExitNode 0000000000000000000000000000000000000A01\r\nPublished 2026-06-01 03:35:27\r\nLastStatus 2026-06-01 13:00:00\r\nExitAddress 2001:DB8:0:0::7 2026-06-01 13:09:58\r\n');
      assert.deepEqual([...(await loadTorExitList(archived))], ['2001:db8::7']);
    });

    test('AS number lists: `AS` prefix, comments and blank lines; anything else names its line', async () => {
      const list = write('vpn-asns.txt', '# VPN exits seen in our logs\nAS9009\n\n as60068  # Datacamp\r\n147049\n');
      assert.deepEqual(await loadAsnList(list), [9009, 60068, 147049]);
      assert.deepEqual(await loadAsnList(write('none.txt', '# none yet\n')), []);
      await assert.rejects(loadAsnList(write('bad.txt', 'AS9009\n9009,60068\n')), (error: unknown) => {
        assert.ok(isSekishoError(error, ServerErrors.FILE_READ.code));
        assert.equal(error.details.position, 'line 2');
        return true;
      });
      await assert.rejects(loadAsnList(write('zero.txt', 'AS0\n')), code(ServerErrors.FILE_READ));
      await assert.rejects(loadAsnList(join(dir, 'absent.txt')), code(ServerErrors.FILE_NOT_FOUND));
    });
  });
});

describe('anonymiser flags', () => {
  test('a Tor exit is flagged however its address is written; without a list the flag is unknown', async () => {
    const anon = createAnonymiser({ torExitList: await loadTorExitList(fixture('exit-addresses')) });
    assert.equal(anon.flags({ ip: '192.0.2.10' }).tor, true);
    assert.equal(anon.flags({ ip: '::ffff:192.0.2.10' }).tor, true);
    assert.equal(anon.flags({ ip: '192.0.2.11' }).tor, false); // in the bulk list only, not in this one
    assert.equal(anon.flags({ ip: 'not an ip', unknown: 'not an IP address' }).tor, false);
    assert.equal(createAnonymiser().flags({ ip: '192.0.2.10' }).tor, undefined);
    const v6 = createAnonymiser({ torExitList: new Set(['2001:DB8::0:7']) });
    assert.equal(v6.flags({ ip: '2001:db8:0:0:0:0:0:7' }).tor, true);
  });

  test('hosting and VPN flags come from the ASN; no ASN, no answer', () => {
    const anon = createAnonymiser();
    assert.deepEqual(anon.flags({ ip: '3.5.140.1', asn: 16509, asnOrg: 'Amazon.com, Inc.' }), { tor: undefined, hosting: true, vpn: false });
    assert.deepEqual(anon.flags({ ip: '5.181.234.1', asn: 9009 }), { tor: undefined, hosting: false, vpn: true });
    assert.deepEqual(anon.flags({ ip: '126.0.0.1', asn: 17676 }), { tor: undefined, hosting: false, vpn: false }); // SoftBank, residential
    assert.deepEqual(anon.flags({ ip: '10.0.0.1', unknown: 'private or reserved address' }), { tor: undefined, hosting: undefined, vpn: undefined });
  });

  test('configured lists replace the defaults; spreading the defaults extends them', () => {
    const only = createAnonymiser({ hostingAsns: [64500], vpnAsns: [] });
    assert.deepEqual(only.flags({ ip: '3.5.140.1', asn: 16509 }), { tor: undefined, hosting: false, vpn: false });
    assert.equal(only.flags({ ip: '192.0.2.1', asn: 64500 }).hosting, true);
    const extended = createAnonymiser({ vpnAsns: [...DEFAULT_VPN_ASNS, 64501] });
    assert.equal(extended.flags({ ip: '192.0.2.1', asn: 64501 }).vpn, true);
    assert.equal(extended.flags({ ip: '192.0.2.1', asn: 9009 }).vpn, true);
  });

  test('enrich adds the known flags to the GeoInfo', async () => {
    const anon = createAnonymiser({ torExitList: await loadTorExitList(fixture('torbulkexitlist')) });
    assert.deepEqual(anon.enrich({ ip: '192.0.2.10', asn: 60068 }), { ip: '192.0.2.10', asn: 60068, tor: true, hosting: false, vpn: true });
    assert.deepEqual(anon.enrich({ ip: '192.0.2.99' }), { ip: '192.0.2.99', tor: false });
  });

  test('every default ASN is in the packaged ASN data under the org name written next to it', () => {
    // The org names as the packaged @ip-location-db/asn CSV spells them.
    const csv = readFileSync(createRequire(import.meta.url).resolve('@ip-location-db/asn/asn-ipv4-num.csv'), 'utf8');
    const orgs = new Map<number, Set<string>>();
    for (const line of csv.split('\n')) {
      const m = /^\d+,\d+,(\d+),(.*)$/.exec(line);
      if (!m) continue;
      const org = m[2]!.startsWith('"') ? m[2]!.slice(1, -1).replaceAll('""', '"') : m[2]!;
      const asn = Number(m[1]);
      if (!orgs.has(asn)) orgs.set(asn, new Set());
      orgs.get(asn)!.add(org);
    }
    const source = readFileSync(join(here, 'anonymiser.ts'), 'utf8');
    const documented = new Map<number, string>();
    for (const m of source.matchAll(/^\s+(\d+), \/\/ (.*?)(?: \([^()]*\))?$/gm)) documented.set(Number(m[1]), m[2]!);
    for (const asn of [...DEFAULT_HOSTING_ASNS, ...DEFAULT_VPN_ASNS]) {
      assert.ok(orgs.has(asn), `AS${asn} has no range in the packaged ASN data`);
      const org = documented.get(asn);
      assert.ok(org, `AS${asn} has no org comment in anonymiser.ts`);
      assert.ok(orgs.get(asn)!.has(org), `AS${asn}: the comment says "${org}", the data says ${[...orgs.get(asn)!].join(' / ')}`);
    }
    assert.equal(new Set([...DEFAULT_HOSTING_ASNS, ...DEFAULT_VPN_ASNS]).size, DEFAULT_HOSTING_ASNS.length + DEFAULT_VPN_ASNS.length, 'no ASN is on both default lists');
  });
});
