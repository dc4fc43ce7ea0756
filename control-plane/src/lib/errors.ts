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
  not_found: 404,
  route_not_found: 404,
  method_not_allowed: 405,
  request_timeout: 408,
  conflict: 409,
  mailbox_needs_reauth: 409,
  mailbox_unavailable: 409,
  mailbox_has_sends_in_flight: 409,
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

export interface FieldIssue {
  field: string;
  message: string;
  line?: number;
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
  constructor(issues: FieldIssue[], message = 'The request is not valid') {
    super('validation_failed', message, { issues });
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message = 'Authentication is required', code: 'unauthenticated' | 'invalid_credentials' | 'token_reused' = 'unauthenticated') {
    super(code, message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'Your role does not allow this action') {
    super('forbidden', message);
  }
}

export class ConflictError extends AppError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('conflict', message, details);
  }
}

/** A dependency is down or not set up yet. Answered 503 with Retry-After, so clients back off and retry. */
export class DependencyUnavailableError extends AppError {
  constructor(dependency: string, message: string, details: { retryAfterSeconds?: number } = {}) {
    super('dependency_unavailable', message, { dependency, retryAfterSeconds: 30, ...details });
  }
}
