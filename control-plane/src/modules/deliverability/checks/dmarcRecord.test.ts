// The DMARC record parser (RFC 7489 §6.3, §6.4), without DNS.
import { describe, expect, it } from 'vitest';
import { isDmarcRecord, parseDmarc } from './dmarcRecord.js';

describe('DMARC records', () => {
  it('reads the policy, alignment, reporting addresses and percentage, with the defaults', () => {
    expect(parseDmarc('v=DMARC1; p=reject; sp=quarantine; adkim=s; rua=mailto:a@example.com, mailto:b@example.net; pct=50; fo=1')).toEqual({
      ok: true,
      record: {
        policy: 'reject',
        subdomainPolicy: 'quarantine',
        dkimAlignment: 's',
        spfAlignment: 'r',
        aggregateReports: ['mailto:a@example.com', 'mailto:b@example.net'],
        percent: 50,
      },
    });
    expect(parseDmarc('v=DMARC1;p=none')).toEqual({
      ok: true,
      record: { policy: 'none', dkimAlignment: 'r', spfAlignment: 'r', aggregateReports: [], percent: 100 },
    });
  });

  it('refuses a record without a valid policy, alignment or percentage', () => {
    expect(parseDmarc('p=reject; v=DMARC1')).toEqual({ ok: false, error: 'it does not start with v=DMARC1' });
    expect(parseDmarc('v=DMARC1; rua=mailto:a@example.com')).toEqual({
      ok: false,
      error: 'it has no policy (p=none, quarantine or reject)',
    });
    expect(parseDmarc('v=DMARC1; p=reject; aspf=x')).toEqual({ ok: false, error: 'aspf=x is not r or s' });
    expect(parseDmarc('v=DMARC1; p=reject; pct=101')).toEqual({ ok: false, error: 'pct=101 is not 0 to 100' });
    expect([isDmarcRecord('v=DMARC1; p=none'), isDmarcRecord('v=spf1 -all')]).toEqual([true, false]);
  });
});
