import { Download, ListPlus, ShieldBan, Tag, Trash2, X } from 'lucide-react';
import { useId, useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Dialog, DialogContent, DialogFooter, DialogTrigger } from '@/components/ui/dialog';
import { FormField } from '@/components/ui/form-field';
import { EnrollInCampaignDialog } from './EnrollInCampaignDialog';
import { VerifyAddressesDialog } from './verification/VerifyAddressesDialog';
import { Label } from '@/components/ui/label';
import { Select } from '@/components/ui/select';
import {
  exportLeads,
  useAddToList,
  useCreateLeadList,
  useEraseLeads,
  useSuppressLeads,
  useTagLeads,
  type Lead,
  type LeadList,
} from './queries';

const newList = '__new__';
const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;
const messageOf = (error: unknown) => (error instanceof Error ? error.message : 'Something went wrong. Try again.');

function AddToListDialog({ leadIds, lists, onDone }: { leadIds: string[]; lists: LeadList[] | undefined; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const [listId, setListId] = useState('');
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const selectId = useId();
  const createList = useCreateLeadList();
  const addToList = useAddToList();
  const creating = listId === newList || (lists !== undefined && lists.length === 0);
  const pending = createList.isPending || addToList.isPending;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      const target = creating ? await createList.mutateAsync(name.trim()) : lists?.find((list) => list.id === listId);
      if (!target) return setError('Choose a list.');
      const { added } = await addToList.mutateAsync({ listId: target.id, leadIds });
      toast.success(`${plural(added, 'lead')} added to ${target.name}`);
      setOpen(false);
      setListId('');
      setName('');
      onDone();
    } catch (failure) {
      setError(messageOf(failure));
    }
  };

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="secondary" size="sm">
          <ListPlus className="size-4" aria-hidden="true" />
          Add to list
        </Button>
      </DialogTrigger>
      <DialogContent title="Add to list" description={`Add ${plural(leadIds.length, 'selected lead')} to a static list.`}>
        <form onSubmit={submit} className="space-y-4">
          {error ? <Alert>{error}</Alert> : null}
          {lists === undefined || lists.length > 0 ? (
            <div className="space-y-1.5">
              <Label htmlFor={selectId}>List</Label>
              <Select id={selectId} value={listId} onChange={(event) => setListId(event.target.value)} required>
                <option value="" disabled>
                  Choose a list
                </option>
                {(lists ?? []).map((list) => (
                  <option key={list.id} value={list.id}>
                    {list.name} ({list.memberCount})
                  </option>
                ))}
                <option value={newList}>New list…</option>
              </Select>
            </div>
          ) : null}
          {creating ? (
            <FormField label="New list name" value={name} onChange={(event) => setName(event.target.value)} required maxLength={200} />
          ) : null}
          <DialogFooter>
            <Button type="submit" disabled={pending}>
              {pending ? 'Adding…' : `Add ${plural(leadIds.length, 'lead')}`}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

function TagDialog({ leadIds, onDone }: { leadIds: string[]; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const [tags, setTags] = useState('');
  const tagLeads = useTagLeads();
  const add = [
    ...new Set(
      tags
        .split(',')
        .map((tag) => tag.trim())
        .filter(Boolean),
    ),
  ];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (add.length === 0) return;
    // Optimistic: the tags show on the rows at once; the dialog closes without waiting (the hook reports the outcome).
    tagLeads.mutate({ leadIds, add });
    setOpen(false);
    setTags('');
    onDone();
  };

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="secondary" size="sm">
          <Tag className="size-4" aria-hidden="true" />
          Tag
        </Button>
      </DialogTrigger>
      <DialogContent
        title="Tag leads"
        description={`Add tags to ${plural(leadIds.length, 'selected lead')}. Separate several tags with commas.`}
      >
        <form onSubmit={submit} className="space-y-4">
          <FormField
            label="Tags"
            value={tags}
            onChange={(event) => setTags(event.target.value)}
            placeholder="e.g. vip, q3-webinar"
            required
          />
          <DialogFooter>
            <Button type="submit" disabled={add.length === 0}>
              Add tags
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

/** What can be done with the selected leads: shown above the table while any are selected. */
export function BulkActions({
  selected,
  lists,
  canWrite,
  canErase,
  onDone,
}: {
  selected: Lead[];
  lists: LeadList[] | undefined;
  canWrite: boolean;
  canErase: boolean;
  onDone: () => void;
}) {
  const suppress = useSuppressLeads();
  const erase = useEraseLeads();
  const [exporting, setExporting] = useState(false);
  const leadIds = selected.map((lead) => lead.id);
  const count = selected.length;
  const only = count === 1 ? selected[0]!.email : null;

  return (
    <div
      role="region"
      aria-label="Selected leads"
      className="mb-3 flex flex-wrap items-center gap-2 rounded-xl border border-indigo-200 bg-indigo-50 px-3 py-2"
    >
      <p className="mr-2 text-sm font-medium text-indigo-900" aria-live="polite">
        {plural(count, 'lead')} selected
      </p>
      {canWrite ? (
        <>
          <AddToListDialog leadIds={leadIds} lists={lists} onDone={onDone} />
          <TagDialog leadIds={leadIds} onDone={onDone} />
          <EnrollInCampaignDialog leadIds={leadIds} onDone={onDone} />
          <VerifyAddressesDialog selection={{ leadIds }} what={plural(count, 'selected lead')} />
          <ConfirmDialog
            trigger={
              <Button variant="secondary" size="sm">
                <ShieldBan className="size-4" aria-hidden="true" />
                Suppress
              </Button>
            }
            title={only ? `Suppress ${only}?` : `Suppress ${count} leads?`}
            description="Their addresses go on the suppression list: no campaign mails them again and their running sequences stop. An admin can lift a suppression later from the Suppressions page."
            confirmLabel="Suppress"
            onConfirm={async () => {
              try {
                const done = await suppress.mutateAsync(selected.map((lead) => lead.email));
                toast.success(`${plural(done, 'address', 'addresses')} suppressed`);
                onDone();
              } catch (failure) {
                toast.error(`Not suppressed: ${messageOf(failure)}`);
              }
            }}
          />
        </>
      ) : null}
      <Button
        variant="secondary"
        size="sm"
        disabled={exporting}
        onClick={async () => {
          setExporting(true);
          try {
            await exportLeads({ leadIds });
            toast.success(`Exported ${plural(count, 'lead')} as CSV`);
          } catch (failure) {
            toast.error(`Export failed: ${messageOf(failure)}`);
          } finally {
            setExporting(false);
          }
        }}
      >
        <Download className="size-4" aria-hidden="true" />
        Export selected
      </Button>
      {canErase ? (
        <ConfirmDialog
          trigger={
            <Button variant="danger" size="sm">
              <Trash2 className="size-4" aria-hidden="true" />
              Erase
            </Button>
          }
          title={only ? `Erase ${only} for good?` : `Erase ${count} leads for good?`}
          description="Erasure (GDPR) removes these people from every list, campaign, message and event. It cannot be undone: only a hash of each address stays, so they are never imported or mailed again."
          confirmLabel={`Erase ${plural(count, 'lead')}`}
          typedConfirmation="erase"
          onConfirm={async () => {
            try {
              const done = await erase.mutateAsync(leadIds);
              toast.success(`${plural(done, 'lead')} erased`);
              onDone();
            } catch (failure) {
              toast.error(`Erasure stopped: ${messageOf(failure)}`);
            }
          }}
        />
      ) : null}
      <Button variant="ghost" size="sm" className="ml-auto" onClick={onDone}>
        <X className="size-4" aria-hidden="true" />
        Clear selection
      </Button>
    </div>
  );
}
