export type DelayUnit = 'minutes' | 'hours' | 'days' | 'business_days';

export interface StepTiming {
  delayAmount: number;
  delayUnit: DelayUnit;
}

export interface TimelineEntry {
  step: number;
  /** When the step goes out, relative to the one before it (or to enrolment for step 1). */
  relative: string;
  /** Roughly how long after enrolment, summing the delays (business days as 7/5 of a day). */
  fromEnrolment: string;
}

const unitNames: Record<DelayUnit, [string, string]> = {
  minutes: ['minute', 'minutes'],
  hours: ['hour', 'hours'],
  days: ['day', 'days'],
  business_days: ['business day', 'business days'],
};

const minutesPer: Record<DelayUnit, number> = { minutes: 1, hours: 60, days: 1440, business_days: (1440 * 7) / 5 };

export function formatDelay(amount: number, unit: DelayUnit): string {
  const [one, many] = unitNames[unit];
  return `${amount} ${amount === 1 ? one : many}`;
}

/** A length of time in the largest unit that keeps it readable: "45 minutes", "3 hours", "4 days", "2 weeks". */
function roughly(minutes: number): string {
  const count = (value: number, one: string, many: string) => `${value} ${value === 1 ? one : many}`;
  if (minutes < 60) return count(Math.round(minutes), 'minute', 'minutes');
  if (minutes < 1440) return count(Math.round(minutes / 60), 'hour', 'hours');
  const days = Math.round(minutes / 1440);
  if (days < 14) return count(days, 'day', 'days');
  return count(Math.round(days / 7), 'week', 'weeks');
}

/**
 * When each step goes out, as a marketer reads it. Every step waits for its delay after the previous one
 * was sent (step 1 after enrolment), then for the lead's sending window; business days skip weekends.
 * A delay that is not a whole number yet (the field is being typed) is left out.
 */
export function sequenceTimeline(steps: readonly StepTiming[]): TimelineEntry[] {
  let total = 0;
  return steps.map((timing, index) => {
    const step = index + 1;
    const amount = Number.isInteger(timing.delayAmount) && timing.delayAmount >= 0 ? timing.delayAmount : 0;
    total += amount * minutesPer[timing.delayUnit];
    const previous = step === 1 ? 'enrolment' : `step ${step - 1}`;
    const relative =
      amount === 0
        ? step === 1
          ? "as soon as the lead is enrolled, in the lead's window"
          : `right after ${previous}, in the lead's window`
        : `about ${formatDelay(amount, timing.delayUnit)} after ${previous}, in the lead's window`;
    return { step, relative, fromEnrolment: total === 0 ? 'at enrolment' : `about ${roughly(total)} after enrolment` };
  });
}
