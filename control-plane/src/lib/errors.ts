/**
 * The closed set of error codes the API can answer with, and their HTTP status. Codes are part of
 * the public contract: clients switch on them, so they never change meaning.
 */
export const errorStatus = {
  validation_failed: 400,
  invalid_json: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  token_reused: 401,
  forbidden: 403,
  csrf_check_failed: 403,
  not_found: 404,
  route_not_found: 404,
  method_not_allowed: 405,
  request_timeout: 408,
  conflict: 409,
  mailbox_needs_reauth: 409,
  mailbox_unavailable: 409,
  mailbox_has_sends_in_flight: 409,
  sending_domain_failing: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  import_not_csv: 415,
  smtp_verification_failed: 422,
  imap_verification_failed: 422,
  import_file_empty: 422,
  import_no_email_column: 422,
  invalid_state: 409,
  import_file_expired: 410,
  rate_limited: 429,
  internal_error: 500,
  deployment_failed: 502,
  provider_not_configured: 503,
  dependency_unavailable: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

/**
 * One problem with one part of a request. `path` is relative to the request body (`steps.0.variants.1.subject`,
 * `''` for the body as a whole), or to the query string when `in` is `query`; a form can put each message on its field.
 */
export interface FieldIssue {
  path: string;
  message: string;
  /** Where `path` points; the body unless said otherwise. */
  in?: 'body' | 'query';
  /** In a text value (a template, a CSV file): 1-based line and column. */
  line?: number;
  column?: number;
  /** For a value outside a fixed set: the values accepted and the one nearest to what was sent. */
  allowed?: string[];
  suggestion?: string;
}

export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    /** Safe to show to the caller. */
    message: string,
    readonly details: { issues?: FieldIssue[]; retryAfterSeconds?: number; [key: string]: unknown } = {},
  ) {
    super(message);
    this.name = 'AppError';
    this.status = errorStatus[code];
  }
}

export class NotFoundError extends AppError {
  constructor(resource: string) {
    super('not_found', `${resource} not found`);
  }
}

export class ValidationError extends AppError {
  constructor(
    issues: FieldIssue[],
    message = issues.length === 1 ? 'The request has a problem: see issues' : `The request has ${issues.length} problems: see issues`,
  ) {
    super('validation_failed', message, { issues });
  }
}

export class UnauthenticatedError extends AppError {
  constructor(
    message = 'Authentication is required',
    code: 'unauthenticated' | 'invalid_credentials' | 'token_reused' = 'unauthenticated',
  ) {
    super(code, message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'Your role does not allow this action') {
    super('forbidden', message);
  }
}

export class ConflictError extends AppError {
  /** A conflict on a field of the request names it in `details.issues`, like a validation problem. */
  constructor(message: string, details: AppError['details'] = {}) {
    super('conflict', message, details);
  }
}

/** A dependency is down or not set up yet. Answered 503 with Retry-After, so clients back off and retry. */
export class DependencyUnavailableError extends AppError {
  constructor(dependency: string, message: string, details: { retryAfterSeconds?: number } = {}) {
    super('dependency_unavailable', message, { dependency, retryAfterSeconds: 30, ...details });
  }
}
