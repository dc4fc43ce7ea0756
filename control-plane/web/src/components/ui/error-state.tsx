import { CircleAlert } from 'lucide-react';
import { failureDetail } from '@/lib/api/problem';
import { cn } from '@/lib/cn';
import { Alert } from './alert';
import { Button } from './button';

/**
 * A failed load, wherever a query fails: what could not be loaded, what the server said about it, and Try again,
 * which asks once more. It stands in for the data, so nothing around it should show counts or empty-state copy.
 */
export function ErrorState({
  title,
  error,
  onRetry,
  className,
}: {
  title: string;
  error: unknown;
  onRetry: () => void;
  className?: string;
}) {
  return (
    <Alert className={cn('flex items-start gap-3 px-4 py-3', className)}>
      <CircleAlert className="mt-0.5 size-4 shrink-0 text-red-600" aria-hidden="true" />
      {/* Try again sits beside the words while they keep 14rem, and drops under them in a narrow column (the inbox's list). */}
      <div className="flex min-w-0 flex-1 flex-wrap items-start gap-x-3 gap-y-2">
        <div className="min-w-0 flex-[1_1_14rem]">
          <p className="font-semibold">{title}</p>
          <p className="mt-0.5 text-red-800">{failureDetail(error)}</p>
        </div>
        <Button variant="secondary" size="sm" className="shrink-0" onClick={onRetry}>
          Try again
        </Button>
      </div>
    </Alert>
  );
}
