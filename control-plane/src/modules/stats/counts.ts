/** Metrics as the events trigger names them (see campaign_event_metric in the campaign_stats migration). */
export const campaignMetrics = [
  'sent',
  'failed',
  'deferred',
  'opened_human',
  'opened_machine',
  'clicked_human',
  'clicked_machine',
  'replied',
  'auto_replied',
  'bounced',
  'bounced_soft',
  'unsubscribed',
  'complained',
] as const;

export type CampaignMetric = (typeof campaignMetrics)[number];

export type CountsAccumulator = Record<CampaignMetric, { total: number; unique: number }>;

export interface EngagementCounts {
  /** Every request recorded (a reader opening twice counts twice). */
  human: number;
  machine: number;
  /** Distinct messages with at least one such event. */
  uniqueHuman: number;
  uniqueMachine: number;
}

/**
 * One slice of a campaign's numbers. sent / deferred / failed count events (a send deferred twice
 * counts twice in deferred); replied, bounced, unsubscribed and complained count distinct messages.
 * Rates are over sent, from distinct messages, human events only.
 */
export interface CampaignCounts {
  sent: number;
  deferred: number;
  failed: number;
  opened: EngagementCounts;
  clicked: EngagementCounts;
  replied: number;
  autoReplied: number;
  bounced: number;
  softBounced: number;
  unsubscribed: number;
  complained: number;
  rates: { open: number; click: number; reply: number; bounce: number; unsubscribe: number };
}

export function emptyCounts(): CountsAccumulator {
  return Object.fromEntries(campaignMetrics.map((metric) => [metric, { total: 0, unique: 0 }])) as CountsAccumulator;
}

export function addMetric(counts: CountsAccumulator, metric: string, total: number, unique: number): void {
  const slot = counts[metric as CampaignMetric];
  // A metric this code does not know (a newer event type) is simply not shown.
  if (!slot) return;
  slot.total += total;
  slot.unique += unique;
}

/** Adds a row of counts to the slice its key names, starting the slice at zero. */
export function accumulate<K>(
  map: Map<K, CountsAccumulator>,
  key: K,
  row: { metric: string; total: bigint | number; unique: bigint | number },
): void {
  let counts = map.get(key);
  if (!counts) map.set(key, (counts = emptyCounts()));
  addMetric(counts, row.metric, Number(row.total), Number(row.unique));
}

const rate = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : 0);

export function finishCounts(counts: CountsAccumulator): CampaignCounts {
  const sent = counts.sent.total;
  const engagement = (kind: 'opened' | 'clicked'): EngagementCounts => ({
    human: counts[`${kind}_human`].total,
    machine: counts[`${kind}_machine`].total,
    uniqueHuman: counts[`${kind}_human`].unique,
    uniqueMachine: counts[`${kind}_machine`].unique,
  });
  const opened = engagement('opened');
  const clicked = engagement('clicked');
  return {
    sent,
    deferred: counts.deferred.total,
    failed: counts.failed.total,
    opened,
    clicked,
    replied: counts.replied.unique,
    autoReplied: counts.auto_replied.unique,
    bounced: counts.bounced.unique,
    softBounced: counts.bounced_soft.unique,
    unsubscribed: counts.unsubscribed.unique,
    complained: counts.complained.unique,
    rates: {
      open: rate(opened.uniqueHuman, sent),
      click: rate(clicked.uniqueHuman, sent),
      reply: rate(counts.replied.unique, sent),
      bounce: rate(counts.bounced.unique, sent),
      unsubscribe: rate(counts.unsubscribed.unique, sent),
    },
  };
}
