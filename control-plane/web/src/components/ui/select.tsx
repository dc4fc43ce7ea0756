import type { ComponentProps } from 'react';
import { cn } from '@/lib/cn';

/** The platform's own select: keyboard, screen readers and mobile pickers work without help. */
export function Select({ className, ...props }: ComponentProps<'select'>) {
  return (
    <select
      className={cn(
        'block h-9 w-full rounded-md border border-slate-300 bg-white px-2.5 text-sm text-slate-900 shadow-sm focus-visible:border-indigo-500 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500/30 aria-[invalid=true]:border-red-500',
        className,
      )}
      {...props}
    />
  );
}
