import { PageHeader } from '@/components/ui/page';

export function InboxPage() {
  return <PageHeader title="Inbox" description="Replies to your campaigns from every mailbox." />;
}
