// The sending window is the Business Hours Gate's own arithmetic (custom-nodes), not a second copy: what the
// control plane predicts or recomputes is what the gate in n8n will decide for the same schedule and lead.
import { chooseTimezone, isInsideWindow, nextWindowStart } from '../../../../../custom-nodes/nodes/BusinessHoursGate/businessHours.js';
import type { CampaignScheduleInput } from '../campaigns.schemas.js';

export interface SendingSchedule {
  timezone: string;
  schedule: unknown;
}

function gateSchedule(campaign: SendingSchedule) {
  return { ...(campaign.schedule as CampaignScheduleInput), timezone: campaign.timezone };
}

/** The zone a lead's window is read in: the lead's own (when the schedule allows it and the zone is valid), else the campaign's. */
export function windowZone(campaign: SendingSchedule, leadTimezone: string | null): string {
  return chooseTimezone(gateSchedule(campaign), leadTimezone);
}

/** The first instant at or after `now` inside the lead's sending window (`now` itself when inside), or null when none within a year. */
export function nextSendingInstant(campaign: SendingSchedule, leadTimezone: string | null, now: Date): Date | null {
  const opening = nextWindowStart(now.getTime(), gateSchedule(campaign), windowZone(campaign, leadTimezone));
  return opening === null ? null : new Date(opening);
}

export interface SendingWindowSpan {
  opensAt: Date;
  closesAt: Date;
}

const minuteMs = 60_000;

/**
 * The campaign's next `count` sending windows in its own zone (the current one first when open now), each
 * from its opening to the first minute outside it, read with the gate's own rules. A lead with its own
 * zone gets the same hours in that zone.
 */
export function nextSendingWindows(campaign: SendingSchedule, now: Date, count: number): SendingWindowSpan[] {
  const schedule = gateSchedule(campaign);
  const windows: SendingWindowSpan[] = [];
  let from = now.getTime();
  while (windows.length < count) {
    const opening = nextWindowStart(from, schedule, campaign.timezone);
    if (opening === null) break;
    // Windows are whole minutes of one day: the first minute outside closes it (within a day).
    let closing = Math.floor(opening / minuteMs) * minuteMs + minuteMs;
    while (closing - opening < 86_400_000 && isInsideWindow(closing, schedule, campaign.timezone)) closing += minuteMs;
    windows.push({ opensAt: new Date(opening), closesAt: new Date(closing) });
    from = closing;
  }
  return windows;
}
