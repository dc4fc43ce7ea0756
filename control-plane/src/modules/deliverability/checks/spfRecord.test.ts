// The SPF record parser (RFC 7208 §4.6, §5, §6) and its lookup count, without DNS.
import { describe, expect, it } from 'vitest';
import { isSpfRecord, lookupTerms, parseSpf, redirectTarget } from './spfRecord.js';

describe('SPF records', () => {
  it('reads qualifiers, targets, CIDR lengths and modifiers', () => {
    const parsed = parseSpf(
      'v=spf1 ip4:192.0.2.0/24 ip6:2001:db8::/32 a mx:mail.example.com/28 -include:_spf.example.net ?exists:%{i}.x.example exp=why.example ~all',
    );
    expect(parsed).toEqual({
      ok: true,
      terms: [
        { kind: 'mechanism', qualifier: '+', name: 'ip4', target: '192.0.2.0', prefixLength: 24 },
        { kind: 'mechanism', qualifier: '+', name: 'ip6', target: '2001:db8::', prefixLength: 32 },
        { kind: 'mechanism', qualifier: '+', name: 'a' },
        { kind: 'mechanism', qualifier: '+', name: 'mx', target: 'mail.example.com', prefixLength: 28 },
        { kind: 'mechanism', qualifier: '-', name: 'include', target: '_spf.example.net' },
        { kind: 'mechanism', qualifier: '?', name: 'exists', target: '%{i}.x.example' },
        { kind: 'modifier', name: 'exp', value: 'why.example' },
        { kind: 'mechanism', qualifier: '~', name: 'all' },
      ],
    });
    // a, mx, include and exists cost a lookup each; ip4, ip6, all and exp do not.
    expect(parsed.ok && lookupTerms(parsed.terms).length).toBe(4);
  });

  it('refuses what receivers treat as a permanent error', () => {
    expect(parseSpf('v=spf2 -all')).toEqual({ ok: false, error: 'it does not start with v=spf1' });
    expect(parseSpf('v=spf1 include -all')).toEqual({ ok: false, error: '"include" needs a domain or address' });
    expect(parseSpf('v=spf1 ip4:192.0.2.1/33 -all')).toEqual({ ok: false, error: '"ip4:192.0.2.1/33" has an impossible prefix length' });
    expect(parseSpf('v=spf1 redirect=a.example redirect=b.example')).toEqual({ ok: false, error: '"redirect=" appears twice' });
    expect(parseSpf('v=spf1 all:example.com')).toEqual({ ok: false, error: '"all:example.com": all takes no domain' });
  });

  it('follows redirect only without an all term, and recognises SPF among other TXT records', () => {
    const withAll = parseSpf('v=spf1 redirect=_spf.example.com -all');
    const without = parseSpf('v=spf1 REDIRECT=_SPF.example.com');
    expect(withAll.ok && redirectTarget(withAll.terms)).toBeUndefined();
    expect(without.ok && redirectTarget(without.terms)).toBe('_spf.example.com');
    expect([
      isSpfRecord('v=spf1 -all'),
      isSpfRecord('v=spf1'),
      isSpfRecord('v=spf10 -all'),
      isSpfRecord('google-site-verification=x'),
    ]).toEqual([true, true, false, false]);
  });
});
