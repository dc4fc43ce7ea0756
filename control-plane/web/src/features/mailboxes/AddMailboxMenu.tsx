import { ChevronDown, FlaskConical, Mail, Plus, Server } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';
import { ApiError } from '@/lib/api/problem';
import { AddSandboxDialog } from './AddSandboxDialog';
import { AddSmtpDialog } from './AddSmtpDialog';
import { useConnectOAuthMailbox } from './queries';

/** Add mailbox: Gmail and Outlook go through the provider's consent; SMTP and Sandbox open a form. */
export function AddMailboxMenu() {
  const [dialog, setDialog] = useState<'smtp' | 'sandbox' | null>(null);
  const connect = useConnectOAuthMailbox();

  const startConnect = (provider: 'gmail' | 'outlook') =>
    connect.mutate(provider, {
      onError: (error) =>
        toast.error(error instanceof ApiError ? error.problem.detail : 'The connect could not start. Try again in a moment.'),
    });

  return (
    <>
      {/* Not modal: a modal menu hides the page from assistive technology while its links stay focusable. */}
      <DropdownMenu modal={false}>
        <DropdownMenuTrigger asChild>
          <Button disabled={connect.isPending}>
            <Plus className="size-4" aria-hidden="true" />
            {connect.isPending ? 'Opening consent…' : 'Add mailbox'}
            <ChevronDown className="size-4" aria-hidden="true" />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end">
          <DropdownMenuLabel>Connect with the provider's sign-in</DropdownMenuLabel>
          <DropdownMenuItem onSelect={() => startConnect('gmail')}>
            <Mail className="size-4 text-red-600" aria-hidden="true" />
            Gmail
          </DropdownMenuItem>
          <DropdownMenuItem onSelect={() => startConnect('outlook')}>
            <Mail className="size-4 text-sky-600" aria-hidden="true" />
            Outlook
          </DropdownMenuItem>
          <DropdownMenuSeparator />
          <DropdownMenuLabel>Enter settings</DropdownMenuLabel>
          <DropdownMenuItem onSelect={() => setDialog('smtp')}>
            <Server className="size-4 text-slate-600" aria-hidden="true" />
            SMTP
          </DropdownMenuItem>
          <DropdownMenuItem onSelect={() => setDialog('sandbox')}>
            <FlaskConical className="size-4 text-indigo-600" aria-hidden="true" />
            Sandbox
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
      <AddSmtpDialog open={dialog === 'smtp'} onOpenChange={(open) => setDialog(open ? 'smtp' : null)} />
      <AddSandboxDialog open={dialog === 'sandbox'} onOpenChange={(open) => setDialog(open ? 'sandbox' : null)} />
    </>
  );
}
