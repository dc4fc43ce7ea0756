import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { ZodError, type core } from 'zod';
import { AppError, ValidationError, type FieldIssue } from '../errors.js';
import { unknownOptionIssue } from '../nearest.js';
import type { Logger } from '../logger.js';

export const problemContentType = 'application/problem+json';

export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  instance?: string;
  requestId?: string;
  issues?: FieldIssue[];
  [extension: string]: unknown;
}

export const problemTitles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  409: 'Conflict',
  410: 'Gone',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** Zod's issues as the API words them: paths relative to the body (or query string), unknown keys and enum values named. */
export function issuesFromZod(error: ZodError, location: 'body' | 'query' = 'body'): FieldIssue[] {
  return explainIssues(error.issues, [], location);
}

/** A union branch that failed only because the value is of another kind says nothing about the value. */
const wrongKindOnly = (issues: readonly core.$ZodIssue[]) =>
  issues.every((issue) => issue.path.length === 0 && (issue.code === 'invalid_type' || issue.code === 'invalid_value'));

function explainIssues(issues: readonly core.$ZodIssue[], prefix: PropertyKey[], location: 'body' | 'query'): FieldIssue[] {
  // A value of the wrong kind is that one problem, not also "too long" for the checks that still ran on it.
  const wrongKind = new Set(issues.filter((issue) => issue.code === 'invalid_type').map((issue) => issue.path.join('.')));
  return issues.flatMap((issue): FieldIssue[] => {
    if (issue.code !== 'invalid_type' && wrongKind.has(issue.path.join('.'))) return [];
    if (issue.code === 'invalid_union') {
      // `'' or a time zone`: the branch the value was meant for explains the problem.
      const meant = issue.errors.filter((branch) => !wrongKindOnly(branch));
      if (meant.length === 1) return explainIssues(meant[0]!, [...prefix, ...issue.path], location);
    }
    const base = [...prefix, ...issue.path].map(String).join('.');
    const at = (path: string) => ({ path, in: location });
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        ...at(base ? `${base}.${key}` : key),
        message: location === 'query' ? 'Unknown parameter' : 'Unknown field',
      }));
    }
    if (issue.code === 'invalid_value' && issue.values.every((value) => typeof value === 'string')) {
      const allowed = issue.values as string[];
      if (typeof issue.input === 'string') return [{ ...at(base), ...unknownOptionIssue(issue.input, allowed) }];
      return [{ ...at(base), message: `Use one of ${allowed.join(', ')}`, allowed }];
    }
    // A rule that knows the accepted values passes them on (see unknownOptionIssue).
    const { allowed, suggestion } = (issue.code === 'custom' ? (issue.params ?? {}) : {}) as { allowed?: string[]; suggestion?: string };
    return [{ ...at(base), message: issue.message, ...(allowed ? { allowed } : {}), ...(suggestion ? { suggestion } : {}) }];
  });
}

/** Every error the API answers with goes through here, so the contract lives in one place. */
export function toAppError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError) return new ValidationError(issuesFromZod(error));
  const httpError = error as { type?: string; status?: number; expose?: boolean; message?: string };
  if (httpError?.type === 'entity.parse.failed') {
    return new AppError('invalid_json', 'The request body is not valid JSON', {
      issues: [{ path: '', message: httpError.message ?? 'Malformed JSON' }],
    });
  }
  if (httpError?.type === 'entity.too.large') return new AppError('payload_too_large', 'The request body is too large');
  if (httpError?.type === 'charset.unsupported' || httpError?.type === 'encoding.unsupported') {
    return new AppError('unsupported_media_type', httpError.message ?? 'Unsupported encoding');
  }
  return undefined;
}

/** The problem+json document for an error (undefined: an unexpected one, answered as internal_error). */
export function problemDocument(appError: AppError | undefined, req: Request): ProblemDocument {
  const status = appError?.status ?? 500;
  const { issues, ...extensions } = appError?.details ?? {};
  return {
    ...extensions,
    type: `https://ophir.dev/problems/${appError?.code ?? 'internal_error'}`,
    title: problemTitles[status] ?? 'Error',
    status,
    code: appError?.code ?? 'internal_error',
    detail: appError?.message ?? 'Something went wrong on our side. The error was logged.',
    instance: req.originalUrl,
    requestId: String(req.id),
    ...(issues ? { issues: issues.map((issue) => ({ ...issue, in: issue.in ?? 'body' })) } : {}),
  };
}

export function problemHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const appError = toAppError(error);
    if (!appError) logger.error({ err: error, requestId: req.id }, 'unhandled error');
    const problem = problemDocument(appError, req);
    if (appError?.details.retryAfterSeconds) res.setHeader('Retry-After', String(appError.details.retryAfterSeconds));
    res.status(problem.status).type(problemContentType).send(JSON.stringify(problem));
  };
}

export const routeNotFound: RequestHandler = (req, _res, next) => {
  next(new AppError('route_not_found', `No route for ${req.method} ${req.path}`));
};
