import { Link } from '@tanstack/react-router';
import { cn } from '@/lib/cn';

const sections = [
  { key: 'leads', to: '/leads', label: 'Leads' },
  { key: 'lists', to: '/leads/lists', label: 'Lists' },
  { key: 'suppressions', to: '/leads/suppressions', label: 'Suppressions' },
  { key: 'imports', to: '/leads/imports', label: 'Imports' },
] as const;

export type LeadsSection = (typeof sections)[number]['key'];

/** The Leads area's sections, shown above each of its pages; the page names the one it is. */
export function LeadsTabs({ current }: { current: LeadsSection }) {
  return (
    <nav aria-label="Leads sections" className="mb-6 border-b border-slate-200">
      <ul className="-mb-px flex gap-1">
        {sections.map((section) => (
          <li key={section.key}>
            <Link
              to={section.to}
              aria-current={section.key === current ? 'page' : undefined}
              className={cn(
                'inline-flex border-b-2 px-3 py-2 text-sm font-medium focus-visible:rounded-t-md focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500',
                section.key === current
                  ? 'border-indigo-600 text-indigo-700'
                  : 'border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900',
              )}
            >
              {section.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
