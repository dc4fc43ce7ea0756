import { useQuery } from '@tanstack/react-query';
import type { components } from '@/lib/api/schema';
import { meQuery } from './queries';

export type Role = components['schemas']['Role'];

const roleRank: Record<Role, number> = { viewer: 0, member: 1, admin: 2, owner: 3 };

/**
 * What each action needs, as the control plane's routes declare it (`access:` in each module's routes).
 * The server refuses anyway (403 forbidden); the UI only hides what would be refused.
 */
const minimumRole = {
  'leads:write': 'member',
  'leads:erase': 'admin',
  'lists:write': 'member',
  'imports:write': 'member',
  'suppressions:write': 'member',
  'suppressions:delete': 'admin',
  'mailboxes:write': 'member',
  'mailboxes:delete': 'admin',
  'campaigns:write': 'member',
  'inbox:reply': 'member',
  'deployments:manage': 'admin',
  'organization:manage': 'admin',
  'members:manage': 'admin',
  'apiKeys:manage': 'admin',
  'webhooks:manage': 'admin',
  'auditLog:read': 'admin',
  'owners:manage': 'owner',
} as const satisfies Record<string, Role>;

export type Permission = keyof typeof minimumRole;

export function hasRole(role: Role, required: Role): boolean {
  return roleRank[role] >= roleRank[required];
}

/** Whether a member with this role may do it; nobody may while the role is not known yet. */
export function can(role: Role | undefined, permission: Permission): boolean {
  return role !== undefined && hasRole(role, minimumRole[permission]);
}

/** The signed-in member's role in the organization they act in (undefined while /api/me loads). */
export function useRole(): Role | undefined {
  return useQuery(meQuery).data?.organization.role;
}

/** `useCan('leads:write')`: show a mutating control only to those the server lets use it. */
export function useCan(permission: Permission): boolean {
  return can(useRole(), permission);
}

/** The roles a member with this role may hand out (invitations, API keys): never owner, never above their own. */
export function grantableRoles(role: Role | undefined): Role[] {
  return (['viewer', 'member', 'admin'] as const).filter((candidate) => role !== undefined && hasRole(role, candidate));
}

export const roleLabels: Record<Role, string> = { owner: 'Owner', admin: 'Admin', member: 'Member', viewer: 'Viewer' };
