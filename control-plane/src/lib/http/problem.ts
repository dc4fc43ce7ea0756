import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { ZodError } from 'zod';
import { AppError, ValidationError, type FieldIssue } from '../errors.js';
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

const titles: Record<number, string> = {
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
  503: 'Service Unavailable',
};

export function issuesFromZod(error: ZodError): FieldIssue[] {
  return error.issues.flatMap((issue) => {
    const base = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: base ? `${base}.${key}` : key, message: 'Unknown field' }));
    }
    return [{ field: base || '(body)', message: issue.message }];
  });
}

/** Every error the API answers with goes through here, so the contract lives in one place. */
export function toAppError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError) return new ValidationError(issuesFromZod(error));
  const httpError = error as { type?: string; status?: number; expose?: boolean; message?: string };
  if (httpError?.type === 'entity.parse.failed') {
    return new AppError('invalid_json', 'The request body is not valid JSON', {
      issues: [{ field: '(body)', message: httpError.message ?? 'Malformed JSON' }],
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
    title: titles[status] ?? 'Error',
    status,
    code: appError?.code ?? 'internal_error',
    detail: appError?.message ?? 'Something went wrong on our side. The error was logged.',
    instance: req.originalUrl,
    requestId: String(req.id),
    ...(issues ? { issues } : {}),
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
