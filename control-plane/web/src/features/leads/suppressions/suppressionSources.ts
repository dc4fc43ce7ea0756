/**
 * The sources the server records (a suppression added in the app or by the API, a CSV import without a
 * source column, an unsubscribe link, an erasure, what the inbox watcher saw) in a marketer's words.
 */
const sourceLabels: Record<string, string> = {
  manual: 'Added in Ophir',
  'csv import': 'CSV import',
  'one-click': 'One-click unsubscribe',
  'unsubscribe page': 'Unsubscribe page',
  gdpr_erasure: 'Erasure request',
  'inbox:bounced': 'Bounce in the inbox',
  'inbox:complained': 'Complaint in the inbox',
  'inbox:unsubscribe_request': 'Unsubscribe reply',
};

/** A source a CSV's source column gave is the user's own words and is shown as written. */
export function suppressionSourceLabel(source: string | null): string {
  if (source === null) return '';
  return sourceLabels[source] ?? source;
}
