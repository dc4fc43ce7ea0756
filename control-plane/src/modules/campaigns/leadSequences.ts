import type { LeadSequences } from '../leads/leadSequences.js';
import { stopEnrollments } from './enrollments/stopEnrollments.js';
import { recomputeWindowDeferrals } from './window/recomputeWindowDeferrals.js';

/** The campaigns' answer to a change in leads (a suppression, a status, an address or a timezone). */
export const campaignLeadSequences: LeadSequences = {
  stop: stopEnrollments,
  recomputeWindows: recomputeWindowDeferrals,
};
