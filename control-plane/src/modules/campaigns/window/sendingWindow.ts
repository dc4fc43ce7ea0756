// The sending window is the Business Hours Gate's own arithmetic (custom-nodes), not a second copy: what the
// control plane predicts or recomputes is what the gate in n8n will decide for the same schedule and lead.
import { chooseTimezone, nextWindowStart } from '../../../../../custom-nodes/nodes/BusinessHoursGate/businessHours.js';
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
