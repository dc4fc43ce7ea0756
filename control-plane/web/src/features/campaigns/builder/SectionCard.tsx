import type { ReactNode } from 'react';
import { Card } from '@/components/ui/card';

/** One section of the builder: a titled region the page's navigation links to. */
export function SectionCard({ id, title, description, children }: { id: string; title: string; description: string; children: ReactNode }) {
  return (
    <Card className="scroll-mt-6 p-5" id={id}>
      <section aria-labelledby={`${id}-heading`} className="space-y-4">
        <div>
          <h2 id={`${id}-heading`} className="text-base font-semibold text-slate-900">
            {title}
          </h2>
          <p className="mt-1 text-sm text-slate-600">{description}</p>
        </div>
        {children}
      </section>
    </Card>
  );
}
