import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import type { components } from './schema';

/** The API's error document (docs/api-errors.md): RFC 9457 problem+json with a stable `code`. */
export type Problem = components['schemas']['Problem'];

/** A refused API call, carrying the server's problem document. */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
    this.name = 'ApiError';
  }
}

export function isProblem(value: unknown): value is Problem {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Problem).code === 'string' &&
    typeof (value as Problem).detail === 'string'
  );
}

/** A problem for a failure that never reached the API's error handler (the network, a proxy). */
export function unreachableProblem(status: number): Problem {
  return {
    type: 'about:blank',
    title: 'Request failed',
    status,
    code: 'unavailable',
    detail:
      status === 0
        ? 'The server could not be reached. Check your connection and try again.'
        : `The server answered ${status} without an explanation. Try again in a moment.`,
  };
}

/**
 * What a failed call tells the user, in plain words: the problem's detail, or for a request that got no answer at all
 * (fetch itself failed) the same sentence as an unreachable server.
 */
export function failureDetail(error: unknown): string {
  if (error instanceof ApiError) return error.problem.detail;
  if (error instanceof TypeError) return unreachableProblem(0).detail;
  return 'Something went wrong. Try again in a moment.';
}

/**
 * A refused request's body issues by the field their path names, for an editor that keeps its own state
 * (paths are relative to the request body). `other` is what no field shows, as applyProblemToForm words it.
 */
export function problemByField(
  problem: Problem,
  isField: (path: string) => boolean,
): { fields: Map<string, string>; other: string | null } {
  const fields = new Map<string, string>();
  const unplaced: string[] = [];
  for (const issue of problem.issues ?? []) {
    if (issue.in === 'body' && isField(issue.path)) {
      const message = issue.line === undefined || /\bline \d/.test(issue.message) ? issue.message : `${issue.message} (line ${issue.line})`;
      fields.set(issue.path, fields.has(issue.path) ? `${fields.get(issue.path)}; ${message}` : message);
    } else {
      unplaced.push(issue.path ? `${issue.path}: ${issue.message}` : issue.message);
    }
  }
  if (unplaced.length > 0) return { fields, other: unplaced.join('; ') };
  return { fields, other: fields.size > 0 ? null : problem.detail };
}

/**
 * Puts a refused request's body issues on the form fields their paths name (paths are relative to the
 * request body, so a form whose field names are the body's member names needs no mapping). Returns what
 * the form should show above its fields: the issues no field shows, or the problem's detail when no issue
 * landed on a field; null when every issue is on a field.
 */
export function applyProblemToForm<T extends FieldValues>(
  problem: Problem,
  setError: UseFormSetError<T>,
  fields: readonly Path<T>[],
): string | null {
  const known = new Set<string>(fields);
  const unplaced: string[] = [];
  let placed = 0;
  for (const issue of problem.issues ?? []) {
    if (issue.in === 'body' && known.has(issue.path)) {
      setError(issue.path as Path<T>, { type: 'server', message: issue.message }, { shouldFocus: placed === 0 });
      placed += 1;
    } else {
      unplaced.push(issue.path ? `${issue.path}: ${issue.message}` : issue.message);
    }
  }
  if (unplaced.length > 0) return unplaced.join('; ');
  return placed > 0 ? null : problem.detail;
}
