import { describe, expect, it } from 'vitest';
import { hasFilters, inboxSearch, threadFilters } from './search';

const ownLabelId = '6f1c1c39-8a8e-4c3a-9a51-0d5f2a7c9b10';

describe('the inbox URL search', () => {
  it('sends a built-in label by name and an own label by id', () => {
    expect(threadFilters(inboxSearch.parse({ label: 'meeting_booked', unread: true }))).toMatchObject({
      unread: true,
      label: 'meeting_booked',
      customLabelId: undefined,
    });
    expect(threadFilters(inboxSearch.parse({ label: ownLabelId }))).toMatchObject({ label: undefined, customLabelId: ownLabelId });
    expect(threadFilters(inboxSearch.parse({ label: 'none' }))).toMatchObject({ label: 'none', customLabelId: undefined });
  });

  it('drops what a link cannot carry instead of refusing the page, and the open thread is not a filter', () => {
    const search = inboxSearch.parse({ label: 'maybe', campaignId: 'not-an-id', unread: 'yes', thread: ownLabelId });
    expect(search).toEqual({ thread: ownLabelId });
    expect(hasFilters(search)).toBe(false);
    expect(hasFilters(inboxSearch.parse({ search: 'pricing' }))).toBe(true);
  });
});
