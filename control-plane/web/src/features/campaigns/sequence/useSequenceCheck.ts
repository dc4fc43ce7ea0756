import { useEffect, useState } from 'react';
import { ApiError, problemByField } from '@/lib/api/problem';
import { bodyOf, isEditorField, type Draft } from './draft';
import { checkSequence } from './queries';

export interface SequenceIssues {
  fields: ReadonlyMap<string, string>;
  /** What no field shows (a sequence without steps, a campaign that cannot be edited). */
  other: string | null;
}

export const noIssues: SequenceIssues = { fields: new Map(), other: null };

export function issuesOf(error: unknown): SequenceIssues {
  if (!(error instanceof ApiError)) throw error;
  return problemByField(error.problem, isEditorField);
}

/**
 * The API's problems with the draft, checked as the marketer types: once typing settles, the draft goes to
 * the side-effect-free check (the save's own validation), and a newer edit cancels an older check.
 * Nothing is checked until the marketer changes something.
 */
export function useSequenceCheck(campaignId: string, draft: Draft, edited: boolean, settleMs = 400) {
  const [issues, setIssues] = useState<SequenceIssues>(noIssues);
  useEffect(() => {
    if (!edited) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      checkSequence(campaignId, bodyOf(draft), controller.signal).then(
        () => setIssues(noIssues),
        (error: unknown) => {
          if (!controller.signal.aborted) setIssues(issuesOf(error));
        },
      );
    }, settleMs);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [campaignId, draft, edited, settleMs]);
  return [issues, setIssues] as const;
}
