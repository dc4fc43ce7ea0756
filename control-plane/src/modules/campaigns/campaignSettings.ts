/** Campaign options kept in Campaign.settings (JSON), with their defaults. */
export interface CampaignSettings {
  /** Every body must carry `{{unsubscribeUrl}}` where the marketer wants it (checked at save). */
  requireUnsubscribeLink: boolean;
  /** A reply also stops the enrolments of colleagues at the same company (organizational domain, subdomains included; webmail excepted). */
  stopOnReplyForDomain: boolean;
  /** An auto-reply (out of office) pushes the lead's next step this many days out; null leaves it as planned. */
  autoReplyDelayDays: number | null;
}

export function campaignSettings(stored: unknown): CampaignSettings {
  const raw = (stored ?? {}) as Partial<Record<keyof CampaignSettings, unknown>>;
  const delay = raw.autoReplyDelayDays;
  return {
    requireUnsubscribeLink: raw.requireUnsubscribeLink !== false,
    stopOnReplyForDomain: raw.stopOnReplyForDomain === true,
    autoReplyDelayDays: typeof delay === 'number' && Number.isInteger(delay) && delay > 0 ? delay : null,
  };
}
