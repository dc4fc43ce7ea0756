import { organizationWorkflow } from './organizationWorkflow.js';

/** One workflow per organization watches all its mailboxes (the template's description says why). */
export const inboxWatcherWorkflow = organizationWorkflow('inbox-watcher', {
  tickSegment: 'inbox-watch',
  label: 'Inbox watcher',
  tickWebhookSeed: 'ophir-inbox-tick',
});

export const inboxWatcherTemplateName = inboxWatcherWorkflow.templateName;
export const inboxWatcherTickPath = inboxWatcherWorkflow.tickPath;
export const inboxWatcherTemplate = inboxWatcherWorkflow.template;
export const renderInboxWatcherWorkflow = inboxWatcherWorkflow.render;
