/** Campaign options kept in Campaign.settings (JSON), with their defaults. */
export interface CampaignSettings {
  /** Every body must carry `{{unsubscribeUrl}}` where the marketer wants it (checked at save). */
  requireUnsubscribeLink: boolean;
}

export function campaignSettings(stored: unknown): CampaignSettings {
  const raw = (stored ?? {}) as Partial<Record<keyof CampaignSettings, unknown>>;
  return { requireUnsubscribeLink: raw.requireUnsubscribeLink !== false };
}
