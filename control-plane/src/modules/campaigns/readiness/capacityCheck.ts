import { counted } from '../../../lib/words.js';
import type { SendingForecast } from './sendingForecast.js';

/**
 * Whether anything can go out today, and if not, why: no active mailbox, every mailbox at its limit for
 * the day, or the campaign's own daily cap used up. Not blocking: a campaign may start and send tomorrow.
 */
export function capacityCheck(forecast: SendingForecast) {
  const active = forecast.mailboxes.filter((mailbox) => mailbox.status === 'active');
  const base = { code: 'sending_capacity' as const, blocking: false };
  if (forecast.capacityToday > 0)
    return { ...base, passed: true, message: `The mailboxes can send ${counted(forecast.capacityToday, 'more message')} today` };
  if (active.length === 0) return { ...base, passed: false, message: 'No mailbox can send today: none is active' };
  if (forecast.campaignDailyCapRemaining === 0)
    return { ...base, passed: false, message: "Nothing more can be sent today: the campaign's daily cap is used up" };
  return {
    ...base,
    passed: false,
    message: `No mailbox can send today: ${active.length === 1 ? 'its mailbox is' : `all ${active.length} are`} at their daily limit`,
  };
}
