import { cva, type VariantProps } from 'class-variance-authority';
import type { ComponentProps } from 'react';
import { cn } from '@/lib/cn';

const badgeVariants = cva('inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset', {
  variants: {
    tone: {
      neutral: 'bg-slate-50 text-slate-700 ring-slate-500/20',
      good: 'bg-emerald-50 text-emerald-800 ring-emerald-600/20',
      warn: 'bg-amber-50 text-amber-800 ring-amber-600/20',
      bad: 'bg-red-50 text-red-800 ring-red-600/20',
      info: 'bg-indigo-50 text-indigo-800 ring-indigo-600/20',
    },
  },
  defaultVariants: { tone: 'neutral' },
});

export function Badge({ className, tone, ...props }: ComponentProps<'span'> & VariantProps<typeof badgeVariants>) {
  return <span className={cn(badgeVariants({ tone }), className)} {...props} />;
}
