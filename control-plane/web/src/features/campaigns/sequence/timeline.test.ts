import { describe, expect, it } from 'vitest';
import { formatDelay, sequenceTimeline } from './timeline';

describe('sequenceTimeline', () => {
  it('says when each step goes out after the one before it and in all since enrolment', () => {
    expect(
      sequenceTimeline([
        { delayAmount: 0, delayUnit: 'days' },
        { delayAmount: 3, delayUnit: 'business_days' },
        { delayAmount: 1, delayUnit: 'days' },
        { delayAmount: 90, delayUnit: 'minutes' },
      ]),
    ).toEqual([
      { step: 1, relative: "as soon as the lead is enrolled, in the lead's window", fromEnrolment: 'at enrolment' },
      { step: 2, relative: "about 3 business days after step 1, in the lead's window", fromEnrolment: 'about 4 days after enrolment' },
      { step: 3, relative: "about 1 day after step 2, in the lead's window", fromEnrolment: 'about 5 days after enrolment' },
      { step: 4, relative: "about 90 minutes after step 3, in the lead's window", fromEnrolment: 'about 5 days after enrolment' },
    ]);
  });

  it('counts from enrolment for a delayed first step and reads long sequences in weeks', () => {
    const [first, second] = sequenceTimeline([
      { delayAmount: 2, delayUnit: 'hours' },
      { delayAmount: 20, delayUnit: 'days' },
    ]);
    expect(first).toEqual({
      step: 1,
      relative: "about 2 hours after enrolment, in the lead's window",
      fromEnrolment: 'about 2 hours after enrolment',
    });
    expect(second!.fromEnrolment).toBe('about 3 weeks after enrolment');
  });

  it('leaves out a delay still being typed and says a follow-up without delay goes right after', () => {
    expect(
      sequenceTimeline([
        { delayAmount: Number.NaN, delayUnit: 'days' },
        { delayAmount: 0, delayUnit: 'hours' },
      ]),
    ).toEqual([
      { step: 1, relative: "as soon as the lead is enrolled, in the lead's window", fromEnrolment: 'at enrolment' },
      { step: 2, relative: "right after step 1, in the lead's window", fromEnrolment: 'at enrolment' },
    ]);
  });

  it('names units in the singular for one', () => {
    expect(formatDelay(1, 'business_days')).toBe('1 business day');
    expect(formatDelay(5, 'minutes')).toBe('5 minutes');
  });
});
