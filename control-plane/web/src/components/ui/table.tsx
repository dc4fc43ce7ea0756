import type { ComponentProps } from 'react';
import { cn } from '@/lib/cn';

export function Table({ className, ...props }: ComponentProps<'table'>) {
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
      <table className={cn('w-full text-left text-sm', className)} {...props} />
    </div>
  );
}

export function TableHead({ className, ...props }: ComponentProps<'thead'>) {
  return (
    <thead className={cn('border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600', className)} {...props} />
  );
}

export function TableHeader({ className, ...props }: ComponentProps<'th'>) {
  return <th scope="col" className={cn('px-4 py-2.5 font-semibold', className)} {...props} />;
}

export function TableRow({ className, ...props }: ComponentProps<'tr'>) {
  return <tr className={cn('border-b border-slate-100 last:border-0', className)} {...props} />;
}

export function TableCell({ className, ...props }: ComponentProps<'td'>) {
  return <td className={cn('px-4 py-3 text-slate-800', className)} {...props} />;
}

/** A table's head with one plain heading a column; `actions` adds a last column for row buttons, named for screen readers. */
export function TableColumns({ names, actions = false }: { names: readonly string[]; actions?: boolean }) {
  return (
    <TableHead>
      <tr>
        {names.map((name) => (
          <TableHeader key={name}>{name}</TableHeader>
        ))}
        {actions ? (
          <TableHeader>
            <span className="sr-only">Actions</span>
          </TableHeader>
        ) : null}
      </tr>
    </TableHead>
  );
}
