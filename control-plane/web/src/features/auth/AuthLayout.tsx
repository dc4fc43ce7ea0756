import { Mail } from 'lucide-react';
import type { ReactNode } from 'react';
import { Card } from '@/components/ui/card';

/** The frame of the signed-out pages: the product's mark, a heading and one card. */
export function AuthLayout({
  title,
  subtitle,
  children,
  footer,
}: {
  title: string;
  subtitle: string;
  children: ReactNode;
  footer: ReactNode;
}) {
  return (
    <main className="flex min-h-screen items-center justify-center bg-gradient-to-b from-slate-50 to-indigo-50/60 px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-8 flex items-center justify-center gap-2 text-slate-900">
          <span className="flex size-9 items-center justify-center rounded-lg bg-indigo-600 text-white shadow-sm">
            <Mail className="size-5" aria-hidden="true" />
          </span>
          <span className="text-xl font-semibold tracking-tight">Ophir</span>
        </div>
        <Card className="p-6 sm:p-8">
          <h1 className="text-lg font-semibold text-slate-900">{title}</h1>
          <p className="mt-1 text-sm text-slate-600">{subtitle}</p>
          <div className="mt-6">{children}</div>
        </Card>
        <p className="mt-6 text-center text-sm text-slate-600">{footer}</p>
      </div>
    </main>
  );
}
