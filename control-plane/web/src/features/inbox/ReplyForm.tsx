import { zodResolver } from '@hookform/resolvers/zod';
import { Send } from 'lucide-react';
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { Button } from '@/components/ui/button';
import { Label } from '@/components/ui/label';
import { ApiError, applyProblemToForm } from '@/lib/api/problem';
import { useSendReply, type InboxThread } from './queries';

const replySchema = z.object({ bodyText: z.string().trim().min(1, 'Write your reply first').max(100_000) });
type Reply = z.infer<typeof replySchema>;

/** A reply in the same conversation, from the mailbox the lead wrote to; it shows in the thread as it goes out. */
export function ReplyForm({ thread }: { thread: InboxThread }) {
  const id = useId();
  const send = useSendReply(thread.id);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<Reply>({ resolver: zodResolver(replySchema), defaultValues: { bodyText: '' } });
  const error = form.formState.errors.bodyText?.message;

  const submit = form.handleSubmit(async ({ bodyText }) => {
    setFormError(null);
    try {
      await send.mutateAsync(bodyText);
      form.reset();
    } catch (caught) {
      if (caught instanceof ApiError) setFormError(applyProblemToForm(caught.problem, form.setError, ['bodyText']));
      else throw caught;
    }
  });

  return (
    <form onSubmit={(event) => void submit(event)} noValidate className="border-t border-slate-200 bg-white px-4 py-3">
      <Label htmlFor={`${id}-body`}>Reply</Label>
      <p id={`${id}-from`} className="mt-0.5 text-xs text-slate-600">
        From {thread.mailbox.email} to {thread.lead.email}, in this conversation.
      </p>
      <textarea
        id={`${id}-body`}
        rows={3}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-from ${id}-error` : `${id}-from`}
        className="mt-2 block w-full resize-y rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm placeholder:text-slate-400 focus-visible:border-indigo-500 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500/30 aria-[invalid=true]:border-red-500"
        placeholder={`Write to ${thread.lead.firstName ?? thread.lead.email}…`}
        {...form.register('bodyText')}
      />
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      ) : null}
      {formError ? (
        <p role="alert" className="mt-1 text-sm text-red-700">
          {formError}
        </p>
      ) : null}
      <div className="mt-2 flex justify-end">
        <Button type="submit" disabled={form.formState.isSubmitting}>
          <Send className="size-4" aria-hidden="true" />
          Send reply
        </Button>
      </div>
    </form>
  );
}
