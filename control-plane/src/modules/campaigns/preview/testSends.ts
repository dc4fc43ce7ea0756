import { randomUUID } from 'node:crypto';
import { buildMessageId, composeMime } from '../../../../../custom-nodes/nodes/SendEmail/compose.js';
import type { Clock } from '../../../lib/clock.js';
import { NotFoundError, ValidationError } from '../../../lib/errors.js';
import type { AuthContext } from '../../../lib/http/route.js';
import { keepSandboxMessage } from '../../mailboxes/sandbox/keepSandboxMessage.js';
import type { TestSendInput } from './preview.schemas.js';
import type { PreviewService } from './previewMessages.js';

/**
 * A test of one step for one lead, delivered to a sandbox mailbox: the preview's rendering (the claim's),
 * composed into MIME by the Send Email node's own composer, and kept where the mailbox's sandbox messages
 * list it. It is no send of the campaign: no message, enrolment or stat is touched, and it is never threaded.
 */
export class TestSendService {
  constructor(private readonly deps: { previews: PreviewService; clock: Clock }) {}

  async send(auth: AuthContext, campaignId: string, input: TestSendInput) {
    const mailbox = await auth.db.mailbox.findUnique({ where: { id: input.mailboxId } });
    if (!mailbox) throw new NotFoundError('Mailbox');
    if (mailbox.provider !== 'sandbox') {
      throw new ValidationError([
        { path: 'mailboxId', message: `${mailbox.email} sends real mail; a test goes to a sandbox mailbox, which keeps it instead` },
      ]);
    }
    const preview = await this.deps.previews.preview(auth, campaignId, {
      leadId: input.leadId,
      step: input.step,
      ...(input.variantLabel === undefined ? {} : { variantLabel: input.variantLabel }),
    });
    const rendered = preview.steps[0]!;
    const testId = `test-${randomUUID()}`;
    const messageId = buildMessageId(testId, mailbox.email);
    const raw = await composeMime({
      sendId: testId,
      messageId,
      mailbox: { email: mailbox.email, fromName: mailbox.displayName },
      to: preview.to,
      message: {
        subject: rendered.subject,
        text: rendered.bodyText,
        html: rendered.bodyHtml,
        unsubscribeUrl: rendered.unsubscribeUrl,
        replyTo: null,
      },
      threading: null,
      date: this.deps.clock.now(),
    });
    const kept = await keepSandboxMessage(auth.db, mailbox, {
      messageId,
      to: preview.to,
      subject: rendered.subject,
      raw: raw.toString('utf8'),
    });
    return {
      mailboxId: mailbox.id,
      sandboxMessageId: kept.id,
      messageId,
      to: preview.to,
      subject: rendered.subject,
      step: rendered.step,
      variantLabel: rendered.variantLabel,
    };
  }
}
