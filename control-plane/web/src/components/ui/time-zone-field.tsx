import { useId, type ComponentProps } from 'react';
import { FormField } from './form-field';

const timeZones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];

/** A labelled IANA time zone input that suggests the zones the browser knows; the server has the last word. */
export function TimeZoneField(props: Omit<ComponentProps<typeof FormField>, 'list' | 'autoComplete'>) {
  const listId = useId();
  return (
    <div className="space-y-1.5">
      <FormField list={listId} autoComplete="off" {...props} />
      <datalist id={listId}>
        {timeZones.map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
    </div>
  );
}
