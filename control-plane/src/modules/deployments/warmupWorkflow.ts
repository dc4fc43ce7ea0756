import { organizationWorkflow } from './organizationWorkflow.js';

/** One workflow per organization sends the warm-up messages of all its mailboxes (docs/warmup.md). */
export const warmupWorkflow = organizationWorkflow('warmup', {
  tickSegment: 'warmup',
  label: 'Warm-up',
  tickWebhookSeed: 'ophir-warmup-tick',
});
