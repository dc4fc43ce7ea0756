import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  createMemoryHistory,
  createRootRoute,
  createRoute,
  createRouter,
  defaultParseSearch,
  defaultStringifySearch,
  Outlet,
  RouterProvider,
} from '@tanstack/react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { LeadsFilters } from './LeadsFilters';
import { cleanLeadSearch, filtersOf, joinCustomField, leadSearchSchema, splitCustomField } from './leadSearch';
import type { LeadList } from './queries';

const vipList: LeadList = {
  id: '0b4c8a52-3d5e-4f7a-9c1b-2e6d8f0a1b2c',
  name: 'VIP accounts',
  memberCount: 12,
  createdAt: '2026-12-01T00:00:00.000Z',
  updatedAt: '2026-12-01T00:00:00.000Z',
};
const leadId = '9d7f1e2a-6b3c-4d5e-8f90-a1b2c3d4e5f6';

/** The leads page's filters in a router of their own, started at `url`, as the app routes them. */
function renderAt(url: string) {
  const rootRoute = createRootRoute({ component: Outlet });
  const leadsRoute = createRoute({
    getParentRoute: () => rootRoute,
    path: '/leads',
    validateSearch: (search: Record<string, unknown>) => leadSearchSchema.parse(search),
    component: () => <LeadsFilters lists={[vipList]} />,
  });
  const router = createRouter({ routeTree: rootRoute.addChildren([leadsRoute]), history: createMemoryHistory({ initialEntries: [url] }) });
  render(<RouterProvider router={router} />);
  /** The URL's query string as the address bar shows it. */
  const query = () => new URLSearchParams(router.state.location.searchStr);
  return { router, query };
}

afterEach(cleanup);

describe('the leads URL search', () => {
  it('round-trips every filter through the query string and back', () => {
    const search = {
      search: 'ada',
      status: 'bounced',
      listId: vipList.id,
      tag: 'vip',
      customField: 'plan:pro: annual',
      lead: leadId,
    } as const;
    const url = defaultStringifySearch(search);
    expect(leadSearchSchema.parse(defaultParseSearch(url))).toEqual(search);
    expect(url).toContain('customField=plan%3Apro%3A+annual');
  });

  it('drops defaults and empty values, and ignores values a link cannot mean', () => {
    expect(cleanLeadSearch({ search: '  ', status: undefined, tag: '', listId: undefined })).toEqual({});
    expect(defaultStringifySearch(cleanLeadSearch({ search: ' ada ', tag: '' }))).toBe('?search=ada');
    expect(leadSearchSchema.parse({ status: 'nope', listId: 'not-a-uuid', customField: 'no colon', lead: 42, tag: 'vip' })).toEqual({
      tag: 'vip',
    });
    expect(filtersOf({ tag: 'vip', lead: leadId })).toEqual({ tag: 'vip' });
  });

  it('splits a custom-field filter into key and value and joins them back only when both are given', () => {
    expect(splitCustomField('plan:pro: annual')).toEqual({ key: 'plan', value: 'pro: annual' });
    expect(joinCustomField(' plan ', ' pro ')).toBe('plan:pro');
    expect(joinCustomField('plan', '')).toBeUndefined();
    expect(joinCustomField('', 'pro')).toBeUndefined();
  });
});

describe('the leads filters', () => {
  it('restores every filter from a shared link', async () => {
    renderAt(`/leads?search=ada&status=bounced&listId=${vipList.id}&tag=vip&customField=plan%3Apro`);
    expect(((await screen.findByRole('searchbox', { name: 'Search leads' })) as HTMLInputElement).value).toBe('ada');
    expect((screen.getByRole('combobox', { name: 'Status' }) as HTMLSelectElement).value).toBe('bounced');
    expect((screen.getByRole('combobox', { name: 'List' }) as HTMLSelectElement).value).toBe(vipList.id);
    expect((screen.getByRole('textbox', { name: 'Tag' }) as HTMLInputElement).value).toBe('vip');
    expect((screen.getByRole('textbox', { name: 'Custom field' }) as HTMLInputElement).value).toBe('plan');
    expect((screen.getByRole('textbox', { name: 'Field value' }) as HTMLInputElement).value).toBe('pro');
  });

  it('puts each change in the URL and drops a filter set back to its default', async () => {
    const user = userEvent.setup();
    const { query } = renderAt('/leads');
    const status = await screen.findByRole('combobox', { name: 'Status' });
    expect([...query().keys()]).toEqual([]);

    await user.selectOptions(status, 'unsubscribed');
    await waitFor(() => expect(query().get('status')).toBe('unsubscribed'));
    await user.selectOptions(screen.getByRole('combobox', { name: 'List' }), 'VIP accounts');
    await waitFor(() => expect(query().get('listId')).toBe(vipList.id));

    await user.type(screen.getByRole('searchbox', { name: 'Search leads' }), 'lovelace');
    await waitFor(() => expect(query().get('search')).toBe('lovelace'));
    await user.type(screen.getByRole('textbox', { name: 'Tag' }), 'vip');
    await waitFor(() => expect(query().get('tag')).toBe('vip'));
    await user.type(screen.getByRole('textbox', { name: 'Custom field' }), 'plan');
    await user.type(screen.getByRole('textbox', { name: 'Field value' }), 'pro');
    await waitFor(() => expect(query().get('customField')).toBe('plan:pro'));

    // Back to "All statuses": the status leaves the URL instead of staying as an empty value.
    await user.selectOptions(status, '');
    await waitFor(() => expect(query().has('status')).toBe(false));
    await user.clear(screen.getByRole('textbox', { name: 'Tag' }));
    await waitFor(() => expect(query().has('tag')).toBe(false));
    expect(query().get('search')).toBe('lovelace');

    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect([...query().keys()]).toEqual([]));
    expect((screen.getByRole('searchbox', { name: 'Search leads' }) as HTMLInputElement).value).toBe('');
    expect((screen.getByRole('textbox', { name: 'Custom field' }) as HTMLInputElement).value).toBe('');
  });
});
