import { Link } from '@tanstack/react-router';
import { cn } from '@/lib/cn';

const tabs = [
  { key: 'overview', label: 'Overview' },
  { key: 'enrollments', label: 'Enrolments' },
  { key: 'activity', label: 'Activity' },
  { key: 'automation', label: 'Automation' },
] as const;

export type CampaignTab = (typeof tabs)[number]['key'];

// The Automation tab's first name, still in bookmarked and shared links.
const renamedTabs: Record<string, CampaignTab> = { deployment: 'automation' };

/** The tab the URL names, Overview when it names none (or one that does not exist). */
export function tabOf(tab: string | undefined): CampaignTab {
  const named = tab === undefined ? undefined : (renamedTabs[tab] ?? tab);
  return tabs.find((candidate) => candidate.key === named)?.key ?? 'overview';
}

/** The campaign page's sections; the open one is in the URL (`?tab=`), so a link or reload keeps it. */
export function CampaignTabs({ campaignId, current }: { campaignId: string; current: CampaignTab }) {
  return (
    <nav aria-label="Campaign sections" className="mb-6 border-b border-slate-200">
      <ul className="-mb-px flex gap-1">
        {tabs.map((tab) => (
          <li key={tab.key}>
            <Link
              to="/campaigns/$campaignId"
              params={{ campaignId }}
              search={{ tab: tab.key === 'overview' ? undefined : tab.key }}
              aria-current={tab.key === current ? 'page' : undefined}
              className={cn(
                'inline-flex border-b-2 px-3 py-2 text-sm font-medium focus-visible:rounded-t-md focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500',
                tab.key === current
                  ? 'border-indigo-600 text-indigo-700'
                  : 'border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900',
              )}
            >
              {tab.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
