import { useQuery } from '@tanstack/react-query';
import { MailOpen } from 'lucide-react';
import { useState } from 'react';
import { Card } from '@/components/ui/card';
import { ErrorState } from '@/components/ui/error-state';
import { EmptyState, LoadingRows } from '@/components/ui/page';
import { cn } from '@/lib/cn';
import { formatDateTime } from '@/lib/dates';
import { sandboxMessagesQuery, type SandboxMessage } from './queries';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/**
 * The document the frame shows. The HTML is the sender's own: it goes only into a frame sandboxed with no
 * permissions at all (no scripts, no forms, no navigation, an opaque origin), never into this page.
 */
function frameDocument(message: SandboxMessage): string {
  const base =
    '<meta charset="utf-8"><style>body{font:14px/1.5 system-ui,sans-serif;color:#0f172a;margin:12px}pre{white-space:pre-wrap;font:inherit}</style>';
  if (message.html) return `${base}${message.html}`;
  return `${base}<pre>${escapeHtml(message.text ?? '')}</pre>`;
}

function MessageView({ message }: { message: SandboxMessage }) {
  return (
    <article aria-label={`Message: ${message.subject || '(no subject)'}`} className="min-w-0 space-y-3">
      <h3 className="text-base font-semibold text-slate-900">{message.subject || '(no subject)'}</h3>
      <details className="rounded-lg border border-slate-200 bg-slate-50 px-3 py-2 text-xs" open>
        <summary className="cursor-pointer text-sm font-medium text-slate-800">Headers</summary>
        <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1">
          {message.headers.map((header, index) => (
            <div key={`${header.name}-${index}`} className="contents">
              <dt className="font-medium text-slate-700">{header.name}</dt>
              <dd className="break-all font-mono text-slate-800">{header.value}</dd>
            </div>
          ))}
        </dl>
      </details>
      <iframe
        title="Message body"
        sandbox=""
        srcDoc={frameDocument(message)}
        className="h-96 w-full rounded-lg border border-slate-200 bg-white"
      />
    </article>
  );
}

/** What a sandbox mailbox captured instead of sending, newest first: pick one to read it. */
export function SandboxMessages({ mailboxId }: { mailboxId: string }) {
  const messages = useQuery(sandboxMessagesQuery(mailboxId));
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const selected = messages.data?.find((message) => message.id === selectedId) ?? messages.data?.[0];
  return (
    <Card className="p-5">
      <section aria-labelledby="sandbox-heading">
        <h2 id="sandbox-heading" className="text-base font-semibold text-slate-900">
          Captured messages
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          A sandbox mailbox delivers nothing: every message a campaign sends from it is kept here as the lead would have received it.
        </p>
        <div className="mt-4">
          {messages.isPending ? <LoadingRows label="Loading captured messages" /> : null}
          {messages.isError ? (
            <ErrorState title="Captured messages could not be loaded" error={messages.error} onRetry={() => void messages.refetch()} />
          ) : null}
          {messages.data?.length === 0 ? (
            <EmptyState
              icon={<MailOpen className="size-5" aria-hidden="true" />}
              title="Nothing captured yet"
              nextAction="Start a campaign that sends from this mailbox: its messages appear here instead of reaching anyone."
            />
          ) : null}
          {messages.data && selected ? (
            <div className="grid grid-cols-[16rem_1fr] gap-4">
              <ul aria-label="Captured messages" className="space-y-1">
                {messages.data.map((message) => (
                  <li key={message.id}>
                    <button
                      type="button"
                      aria-current={message.id === selected.id ? 'true' : undefined}
                      onClick={() => setSelectedId(message.id)}
                      className={cn(
                        'w-full rounded-md px-3 py-2 text-left text-sm hover:bg-slate-100 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500',
                        message.id === selected.id && 'bg-indigo-50 ring-1 ring-indigo-200',
                      )}
                    >
                      <span className="block truncate font-medium text-slate-900">{message.subject || '(no subject)'}</span>
                      <span className="block truncate text-xs text-slate-600">To {message.to}</span>
                      <span className="block text-xs text-slate-600">{formatDateTime(message.createdAt)}</span>
                    </button>
                  </li>
                ))}
              </ul>
              <MessageView message={selected} />
            </div>
          ) : null}
        </div>
      </section>
    </Card>
  );
}
