import { useId } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { Label } from '@/components/ui/label';
import { Select } from '@/components/ui/select';
import { grantableRoles, roleLabels, useRole } from '@/features/auth/permissions';

/** The role an invitation or an API key gets: only the roles the signed-in member may hand out, with the server's error under it. */
export function GrantableRoleField({
  registration,
  error,
  hint,
}: {
  registration: UseFormRegisterReturn;
  error?: string | undefined;
  hint?: string;
}) {
  const roles = grantableRoles(useRole());
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div className="space-y-1.5">
      <Label htmlFor={id}>Role</Label>
      <Select id={id} aria-invalid={error ? true : undefined} aria-describedby={error ? errorId : undefined} {...registration}>
        {roles.map((role) => (
          <option key={role} value={role}>
            {roleLabels[role]}
          </option>
        ))}
      </Select>
      {hint ? <p className="text-xs text-slate-500">{hint}</p> : null}
      {error ? (
        <p id={errorId} className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
