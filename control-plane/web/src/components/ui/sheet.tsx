import type { ComponentProps } from 'react';
import { Dialog, DialogContent } from './dialog';

export const Sheet = Dialog;

/** A drawer from the right edge: the dialog, placed beside the list it came from. */
export function SheetContent(props: Omit<ComponentProps<typeof DialogContent>, 'placement'>) {
  return <DialogContent placement="right" {...props} />;
}
