import { describe, expect, it } from 'vitest';
import { can, grantableRoles } from './permissions';

describe('permissions', () => {
  it('lets each role do what the server lets it, and nobody before the role is known', () => {
    expect(can('viewer', 'leads:write')).toBe(false);
    expect(can('member', 'leads:write')).toBe(true);
    expect(can('member', 'members:manage')).toBe(false);
    expect(can('admin', 'members:manage')).toBe(true);
    expect(can('admin', 'owners:manage')).toBe(false);
    expect(can('owner', 'owners:manage')).toBe(true);
    expect(can(undefined, 'auditLog:read')).toBe(false);
  });

  it('hands out roles up to one’s own, never owner', () => {
    expect(grantableRoles('owner')).toEqual(['viewer', 'member', 'admin']);
    expect(grantableRoles('admin')).toEqual(['viewer', 'member', 'admin']);
    expect(grantableRoles('member')).toEqual(['viewer', 'member']);
    expect(grantableRoles(undefined)).toEqual([]);
  });
});
