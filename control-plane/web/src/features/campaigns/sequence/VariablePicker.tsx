import { useQuery } from '@tanstack/react-query';
import { Braces } from 'lucide-react';
import { ErrorState } from '@/components/ui/error-state';
import { Button } from '@/components/ui/button';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';
import { customFieldKeysQuery } from './queries';

/** The standard lead fields a template may name (docs/campaign-definition.md, "Template rules"). */
const standardFields = [
  ['First name', 'firstName'],
  ['Last name', 'lastName'],
  ['Company', 'company'],
  ['Job title', 'title'],
  ['Email', 'email'],
  ['Website', 'website'],
  ['City', 'city'],
  ['Country', 'country'],
] as const;

/** `lead.custom.plan`, or `lead.custom.[Company Size]` for a name Handlebars cannot read bare. */
export function customVariable(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? `lead.custom.${name}` : `lead.custom.[${name}]`;
}

/** A menu of what a template can use; the choice goes where the cursor was in the subject or body last edited. */
export function VariablePicker({ onPick, context }: { onPick: (snippet: string) => void; context: string }) {
  const customFields = useQuery(customFieldKeysQuery);
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button type="button" variant="secondary" size="sm" aria-label={`Insert variable in ${context}`}>
          <Braces className="size-4" aria-hidden /> Insert variable
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="max-h-96 overflow-y-auto" onCloseAutoFocus={(event) => event.preventDefault()}>
        <DropdownMenuLabel>Lead fields</DropdownMenuLabel>
        {standardFields.map(([name, field]) => (
          <DropdownMenuItem key={field} onSelect={() => onPick(`{{lead.${field}}}`)}>
            {name}
          </DropdownMenuItem>
        ))}
        <DropdownMenuSeparator />
        <DropdownMenuLabel>Custom fields</DropdownMenuLabel>
        {customFields.isError ? (
          <ErrorState
            className="mx-1 max-w-72 flex-wrap"
            title="Custom fields could not be loaded"
            error={customFields.error}
            onRetry={() => void customFields.refetch()}
          />
        ) : customFields.data?.length ? (
          customFields.data.map((name) => (
            <DropdownMenuItem key={name} onSelect={() => onPick(`{{${customVariable(name)}}}`)}>
              {name}
            </DropdownMenuItem>
          ))
        ) : (
          <p className="px-2 py-1.5 text-xs text-slate-500">
            {customFields.isPending ? 'Loading…' : 'None yet: import leads with extra columns to use them here.'}
          </p>
        )}
        <DropdownMenuSeparator />
        <DropdownMenuLabel>With a fallback, when the lead has no value</DropdownMenuLabel>
        <DropdownMenuItem onSelect={() => onPick('{{default lead.firstName "there"}}')}>First name, or “there”</DropdownMenuItem>
        <DropdownMenuItem onSelect={() => onPick('{{default lead.company "your team"}}')}>Company, or “your team”</DropdownMenuItem>
        <DropdownMenuSeparator />
        <DropdownMenuItem onSelect={() => onPick('{{unsubscribeUrl}}')}>Unsubscribe link</DropdownMenuItem>
        <DropdownMenuItem onSelect={() => onPick('{Hi|Hello|Hey}')}>Alternative wordings, one picked per lead</DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
