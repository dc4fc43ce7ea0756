import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Role } from '@/features/auth/permissions';
import { queryKeys } from '@/lib/api/queryKeys';
import { MembersSettings } from './MembersSettings';
import type { Member } from './queries';

afterEach(cleanup);

const ownerMember: Member = {
  id: 'm-owner',
  userId: 'u-owner',
  email: 'owner@acme.example',
  name: 'Olive Owner',
  role: 'owner',
  createdAt: '2026-12-01T10:00:00.000Z',
};
const adminMember: Member = {
  id: 'm-admin',
  userId: 'u-admin',
  email: 'admin@acme.example',
  name: 'Adam Admin',
  role: 'admin',
  createdAt: '2026-12-02T10:00:00.000Z',
};
const viewerMember: Member = {
  id: 'm-viewer',
  userId: 'u-viewer',
  email: 'viewer@acme.example',
  name: 'Vera Viewer',
  role: 'viewer',
  createdAt: '2026-12-03T10:00:00.000Z',
};

/** The page as `me` sees it, from a cache that already holds the answers (nothing is fetched). */
function renderAs(me: Member) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false } } });
  const meAnswer = {
    user: { id: me.userId, email: me.email, name: me.name },
    organization: { id: 'org', name: 'Acme', role: me.role },
    apiKey: null,
    organizations: [{ id: 'org', name: 'Acme', role: me.role }],
  };
  queryClient.setQueryData(queryKeys.me, meAnswer);
  queryClient.setQueryData(queryKeys.members.all, [ownerMember, adminMember, viewerMember]);
  queryClient.setQueryData(queryKeys.invitations.all, []);
  render(
    <QueryClientProvider client={queryClient}>
      <MembersSettings />
    </QueryClientProvider>,
  );
}

const roleOptions = (name: string) =>
  within(screen.getByRole('combobox', { name: `Role of ${name}` }))
    .getAllByRole('option')
    .map((option) => option.getAttribute('value') as Role);

describe('members settings by role', () => {
  it('shows a viewer the team and no control at all', () => {
    renderAs(viewerMember);
    expect(screen.getAllByRole('row')).toHaveLength(4);
    expect(screen.queryAllByRole('button')).toEqual([]);
    expect(screen.queryAllByRole('combobox')).toEqual([]);
    expect(screen.queryByRole('heading', { name: 'Invitations' })).toBeNull();
  });

  it('lets an admin manage non-owners only, and never hand out owner', () => {
    renderAs(adminMember);
    expect(screen.queryByRole('combobox', { name: 'Role of Olive Owner' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Remove Olive Owner' })).toBeNull();
    expect(roleOptions('Vera Viewer')).toEqual(['admin', 'member', 'viewer']);
    expect(screen.getByRole('button', { name: 'Remove Vera Viewer' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Invitations' })).toBeTruthy();
  });

  it('lets an owner manage everyone, owners included', () => {
    renderAs(ownerMember);
    expect(roleOptions('Olive Owner')).toEqual(['owner', 'admin', 'member', 'viewer']);
    expect(screen.getByRole('button', { name: 'Remove Adam Admin' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Remove Olive Owner' })).toBeTruthy();
  });
});
