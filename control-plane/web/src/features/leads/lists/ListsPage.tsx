import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { ListPlus, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { toast } from 'sonner';
import { z } from 'zod';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Dialog, DialogContent, DialogFooter, DialogTrigger } from '@/components/ui/dialog';
import { FormField } from '@/components/ui/form-field';
import { ErrorState } from '@/components/ui/error-state';
import { EmptyState, LoadingRows, PageHeader } from '@/components/ui/page';
import { Table, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { useCan } from '@/features/auth/permissions';
import { ApiError, applyProblemToForm } from '@/lib/api/problem';
import { queryKeys } from '@/lib/api/queryKeys';
import { LeadsTabs } from '../LeadsTabs';
import { SearchBox } from '../SearchBox';
import { leadListsQuery, useCreateLeadList, type LeadList } from '../queries';
import { deleteLeadList } from './queries';
import { formatDate } from '@/lib/dates';

const route = getRouteApi('/app/leads/lists');

// The field is the API body's `name`, so the server's issue path lands on it as it is.
const newListForm = z.object({ name: z.string().trim().min(1, 'Name the list').max(200, 'At most 200 characters') });
type NewListForm = z.infer<typeof newListForm>;

function NewListDialog() {
  const createList = useCreateLeadList();
  const [open, setOpen] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<NewListForm>({ resolver: zodResolver(newListForm), defaultValues: { name: '' } });
  const { errors, isSubmitting } = form.formState;
  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      const list = await createList.mutateAsync(values.name);
      toast.success(`List “${list.name}” created`);
      setOpen(false);
      form.reset();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      // A taken name is a conflict on the body as a whole: it belongs on the name field.
      if (error.problem.code === 'conflict' && !error.problem.issues?.length)
        form.setError('name', { type: 'server', message: error.problem.detail }, { shouldFocus: true });
      else setFormError(applyProblemToForm(error.problem, form.setError, ['name']));
    }
  });
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) {
          form.reset();
          setFormError(null);
        }
      }}
    >
      <DialogTrigger asChild>
        <Button>
          <ListPlus className="size-4" aria-hidden="true" />
          New list
        </Button>
      </DialogTrigger>
      <DialogContent
        title="New list"
        description="A named set of leads you fill by hand, from the leads table or with an import, and enrol in a campaign."
      >
        <form onSubmit={onSubmit} noValidate className="space-y-4">
          {formError ? <Alert>{formError}</Alert> : null}
          <FormField label="List name" autoComplete="off" error={errors.name?.message} {...form.register('name')} />
          <DialogFooter>
            <Button type="submit" disabled={isSubmitting}>
              {isSubmitting ? 'Creating…' : 'Create list'}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

function DeleteListButton({ list }: { list: LeadList }) {
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => deleteLeadList(list.id),
    onSuccess: () => {
      toast.success(`List “${list.name}” deleted`);
      return queryClient.invalidateQueries({ queryKey: queryKeys.leadLists.all });
    },
    onError: (error) => toast.error(error.message),
  });
  return (
    <ConfirmDialog
      trigger={
        <Button variant="ghost" size="sm" aria-label={`Delete list ${list.name}`}>
          <Trash2 className="size-4" aria-hidden="true" />
          Delete
        </Button>
      }
      title={`Delete the list “${list.name}”?`}
      description={`Its ${list.memberCount === 1 ? 'lead stays' : `${list.memberCount} leads stay`} in Ophir; only the list goes.`}
      confirmLabel="Delete list"
      onConfirm={() => remove.mutateAsync().catch(() => undefined)}
    />
  );
}

export function ListsPage() {
  const { search = '' } = route.useSearch();
  const navigate = route.useNavigate();
  const lists = useQuery(leadListsQuery);
  const canWrite = useCan('lists:write');
  const needle = search.trim().toLowerCase();
  const shown = lists.data?.filter((list) => list.name.toLowerCase().includes(needle));
  return (
    <>
      <LeadsTabs current="lists" />
      <PageHeader
        title="Lists"
        description="Named sets of leads to enrol in campaigns."
        actions={canWrite ? <NewListDialog /> : undefined}
      />
      {lists.data && lists.data.length > 0 ? (
        <SearchBox
          label="Search lists"
          value={search}
          onSearch={(next) => void navigate({ search: next ? { search: next } : {}, replace: true })}
        />
      ) : null}
      {lists.isPending ? <LoadingRows label="Loading lists" /> : null}
      {lists.isError ? <ErrorState title="Lists could not be loaded" error={lists.error} onRetry={() => void lists.refetch()} /> : null}
      {lists.data?.length === 0 ? (
        <EmptyState
          icon={<ListPlus className="size-5" aria-hidden="true" />}
          title="No lists yet"
          nextAction="Create a list with New list, then add leads to it from the leads table or when you import a CSV."
        />
      ) : null}
      {shown && lists.data && lists.data.length > 0 && shown.length === 0 ? (
        <p className="py-8 text-center text-sm text-slate-600">No list’s name contains “{search}”.</p>
      ) : null}
      {shown && shown.length > 0 ? (
        <Table>
          <caption className="sr-only">Lists</caption>
          <TableHead>
            <tr>
              <TableHeader>Name</TableHeader>
              <TableHeader className="text-right">Leads</TableHeader>
              <TableHeader>Created</TableHeader>
              <TableHeader>
                <span className="sr-only">Actions</span>
              </TableHeader>
            </tr>
          </TableHead>
          <tbody>
            {shown.map((list) => (
              <TableRow key={list.id}>
                <TableCell className="font-medium">{list.name}</TableCell>
                <TableCell className="text-right tabular-nums">{list.memberCount}</TableCell>
                <TableCell>{formatDate(list.createdAt)}</TableCell>
                <TableCell className="text-right">{canWrite ? <DeleteListButton list={list} /> : null}</TableCell>
              </TableRow>
            ))}
          </tbody>
        </Table>
      ) : null}
    </>
  );
}
