import { route, type AnyRoute } from '../../lib/http/route.js';
import { INBOX_WATCH_RESULTS_BODY_MAX_BYTES } from '../../lib/n8n/nodeContract.js';
import { inboxWatchClaimBody, inboxWatchClaimSchema, inboxWatchResultsBody, inboxWatchResultsOutcomeSchema } from './inbox.schemas.js';
import type { InboxWatchService } from './inboxWatch.service.js';

const tag = 'n8n callbacks';

export const inboxWatchResultsPath = '/api/internal/n8n/inbox-watch/results';
/**
 * The body limit of the inbox-watch results route alone (the others keep REQUEST_BODY_MAX_BYTES). The
 * node reports a large watch in requests under 1 MiB, but one event may carry up to 100,000 characters
 * of text, which JSON-escaped can take several times that in bytes: 4 MiB holds any single event the schema allows.
 */
export const inboxWatchResultsBodyLimit = INBOX_WATCH_RESULTS_BODY_MAX_BYTES;

/** What the Inbox Watch node calls (custom-nodes/README.md "Endpoints the control plane implements"). */
export function inboxWatchRoutes(deps: { watch: InboxWatchService }): AnyRoute[] {
  return [
    // POST /api/internal/n8n/inbox-watch/claims
    route({
      method: 'post',
      path: '/api/internal/n8n/inbox-watch/claims',
      access: 'n8n',
      tag,
      summary: "The organization's mailboxes the inbox watcher reads, each with its history cursor",
      body: inboxWatchClaimBody,
      responses: { 200: { description: 'Mailboxes to watch and every address of ours', schema: inboxWatchClaimSchema } },
      handler: async ({ body }) => ({ body: await deps.watch.claim(body.organizationId) }),
    }),
    // POST /api/internal/n8n/inbox-watch/results
    route({
      method: 'post',
      path: inboxWatchResultsPath,
      access: 'n8n',
      tag,
      summary: "One mailbox's watch: its events are applied once by eventId, then its history cursor advances",
      body: inboxWatchResultsBody,
      responses: { 200: { description: 'What was applied and whether the cursor moved', schema: inboxWatchResultsOutcomeSchema } },
      handler: async ({ body }) => ({ body: await deps.watch.acceptResults(body) }),
    }),
  ];
}
