import { Search } from 'lucide-react';
import { useId } from 'react';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { useSettledInput } from '@/lib/useSettledInput';

/** A search field whose value lives in the URL: typing settles for a moment before it is sent on. */
export function SearchBox({
  label,
  value,
  onSearch,
  placeholder,
}: {
  label: string;
  value: string;
  onSearch: (value: string) => void;
  placeholder?: string;
}) {
  const id = useId();
  const [typed, setTyped] = useSettledInput(value, onSearch);
  return (
    <div className="mb-4 max-w-sm">
      <Label htmlFor={id} className="sr-only">
        {label}
      </Label>
      <div className="relative">
        <Search className="pointer-events-none absolute left-2.5 top-1/2 size-4 -translate-y-1/2 text-slate-400" aria-hidden="true" />
        <Input
          id={id}
          type="search"
          className="pl-8"
          placeholder={placeholder ?? label}
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
        />
      </div>
    </div>
  );
}
