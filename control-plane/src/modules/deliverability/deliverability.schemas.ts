import { z } from 'zod';
import type { StoredDomainReport } from './domainChecks.service.js';

const findingStatus = z.enum(['pass', 'warn', 'fail']);

export const domainFindingSchema = z
  .object({
    check: z.enum(['spf', 'dkim', 'dmarc', 'mx', 'blocklist']),
    status: findingStatus.describe('fail blocks a campaign start unless overridden; warn is worth fixing; pass needs nothing'),
    record: z.string().nullable().describe('The DNS record as published (several on separate lines); null when there was none'),
    summary: z.string().describe('What was found, in a sentence'),
    advice: z.string().describe('What to change, in plain words ("Nothing to change." when it passed)'),
  })
  .openapi('DomainFinding');

export const sendingDomainReportSchema = z
  .object({
    mailboxId: z.uuid(),
    domain: z.string(),
    status: z.enum(['pass', 'warn', 'fail', 'unchecked']).describe("The worst finding's status; unchecked before the first check"),
    dkimSelector: z.string().nullable().describe('The DKIM selector the user named, tried beside the provider defaults'),
    findings: z.array(domainFindingSchema).describe('SPF, DKIM, DMARC, MX, then one per configured blocklist'),
    checkedAt: z.iso.datetime().nullable(),
  })
  .openapi('SendingDomainReport');

export const checkDomainBody = z
  .object({
    dkimSelector: z
      .string()
      .trim()
      .toLowerCase()
      .regex(
        /^[a-z0-9]([a-z0-9_-]{0,62})(\.[a-z0-9]([a-z0-9_-]{0,62}))*$/,
        'a selector is DNS labels: letters, digits, - and _ separated by dots',
      )
      .max(200)
      .nullable()
      .optional()
      .describe('The selector your provider signs with (the part before ._domainkey); kept for later checks, null forgets it'),
  })
  .strict();

export function toDomainReportDto(report: StoredDomainReport) {
  return { ...report, checkedAt: report.checkedAt?.toISOString() ?? null };
}
