import { DialogContent, DialogDoneFooter } from '@/components/ui/dialog';
import { CopyableSecret } from '../CopyableSecret';

/** The signing secret, shown this once (the API keeps it encrypted and never returns it again), and how to use it. */
export function SigningSecretContent({ title, secret }: { title: string; secret: string }) {
  return (
    <DialogContent
      title={title}
      description={
        <>
          Copy it now into the system that receives the webhooks:{' '}
          <strong className="font-semibold text-slate-900">you won't see it again.</strong>
        </>
      }
    >
      <CopyableSecret label="Signing secret" value={secret} />
      <div className="mt-4 space-y-2 rounded-md bg-slate-50 p-3 text-sm text-slate-700">
        <p className="font-medium text-slate-900">How the receiver checks a request came from Ophir</p>
        <p>
          Every request carries the headers <code className="font-mono text-xs">webhook-id</code>,{' '}
          <code className="font-mono text-xs">webhook-timestamp</code> and <code className="font-mono text-xs">webhook-signature</code>,
          signed with this secret by the{' '}
          <a
            className="text-indigo-700 underline hover:text-indigo-900"
            href="https://www.standardwebhooks.com/"
            target="_blank"
            rel="noreferrer"
          >
            Standard Webhooks
          </a>{' '}
          rules. Check them with any Standard Webhooks library, for example{' '}
          <code className="font-mono text-xs">new Webhook(secret).verify(body, headers)</code>, and ignore requests that fail.
        </p>
        <p>
          The same event can arrive twice: skip a <code className="font-mono text-xs">webhook-id</code> you have already handled. Your
          developers find the details in the integrations guide (docs/integrations.md, “Verifying a delivery”).
        </p>
      </div>
      <DialogDoneFooter label="I've stored it" />
    </DialogContent>
  );
}
