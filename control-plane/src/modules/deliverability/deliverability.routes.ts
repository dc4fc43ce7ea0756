import { z } from 'zod';
import { route, type AnyRoute } from '../../lib/http/route.js';
import { checkDomainBody, sendingDomainReportSchema, toDomainReportDto } from './deliverability.schemas.js';
import type { DomainChecks } from './domainChecks.service.js';

const tag = 'Deliverability';
const mailboxParams = z.object({ mailboxId: z.uuid() });

export function deliverabilityRoutes(deps: { domainChecks: DomainChecks }): AnyRoute[] {
  const { domainChecks } = deps;
  return [
    // GET /api/mailboxes/:mailboxId/domain-check
    route({
      method: 'get',
      path: '/api/mailboxes/:mailboxId/domain-check',
      access: 'viewer',
      tag,
      summary: "The latest check of the mailbox's sending domain: SPF, DKIM, DMARC, MX and blocklists",
      description:
        'Each finding has its status, the record as published and what to change. Reports are renewed daily and on POST; before the first ' +
        'check the status is `unchecked` with no findings (docs/deliverability.md).',
      params: mailboxParams,
      responses: { 200: { description: 'The latest report', schema: sendingDomainReportSchema } },
      handler: async ({ auth, params }) => ({ body: toDomainReportDto(await domainChecks.latest(auth.db, params.mailboxId)) }),
    }),
    // POST /api/mailboxes/:mailboxId/domain-check
    route({
      method: 'post',
      path: '/api/mailboxes/:mailboxId/domain-check',
      access: 'member',
      tag,
      summary: "Check the mailbox's sending domain now",
      description:
        'Asks DNS (OPHIR_DNS_SERVERS) now and stores the report in place of the last one. A DKIM selector given in the body is tried ' +
        "beside the provider's defaults (google for Gmail, selector1 and selector2 for Microsoft 365) and kept for the daily checks.",
      params: mailboxParams,
      body: checkDomainBody,
      responses: { 200: { description: 'The new report', schema: sendingDomainReportSchema } },
      handler: async ({ auth, params, body }) => ({
        body: toDomainReportDto(
          await domainChecks.check(auth.db, params.mailboxId, body.dkimSelector === undefined ? {} : { dkimSelector: body.dkimSelector }),
        ),
      }),
    }),
  ];
}
