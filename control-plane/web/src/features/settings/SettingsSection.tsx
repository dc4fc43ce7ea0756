import type { ReactNode } from 'react';
import { Alert } from '@/components/ui/alert';

/** One settings section: its heading (the page's name for screen readers), what it is for, and its actions. */
export function SettingsSection({
  title,
  description,
  actions,
  children,
}: {
  title: string;
  description: string;
  actions?: ReactNode;
  children: ReactNode;
}) {
  const headingId = `settings-${title.toLowerCase().replace(/\W+/g, '-')}`;
  return (
    <section aria-labelledby={headingId} className="space-y-4">
      <div className="flex items-start justify-between gap-4">
        <div>
          <h2 id={headingId} className="text-lg font-semibold text-slate-900">
            {title}
          </h2>
          <p className="mt-0.5 text-sm text-slate-600">{description}</p>
        </div>
        {actions}
      </div>
      {children}
    </section>
  );
}

/** What a member without the role sees instead of a section only admins may use. */
export function AdminOnly({ what }: { what: string }) {
  return (
    <Alert className="border-slate-200 bg-slate-50 text-slate-700">
      Only admins and owners can see {what}. Ask one of them if you need a change.
    </Alert>
  );
}
