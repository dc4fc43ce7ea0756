import type { Request, RequestHandler, Response, Router } from 'express';
import { z, type ZodType } from 'zod';
import type { Role } from '../../generated/prisma/enums.js';
import { AppError, ForbiddenError, NotFoundError, ValidationError, type FieldIssue } from '../errors.js';
import type { ScopedDb } from '../db/tenantScope.js';
import { problemSchema, type OpenAPIRegistry } from './openapi.js';
import { issuesFromZod, problemContentType } from './problem.js';

export interface AuthContext {
  organizationId: string;
  role: Role;
  userId?: string;
  apiKeyId?: string;
  /** The data layer, already limited to this organization. */
  db: ScopedDb;
}

export type Authenticate = (req: Request) => Promise<AuthContext>;

/** n8n calling back with a signed request; it names the campaign or mailbox it acts on. */
export interface N8nCaller {
  kind: 'n8n';
}

export type AuthenticateN8n = (req: Request) => Promise<N8nCaller>;

const roleRank: Record<Role, number> = { viewer: 0, member: 1, admin: 2, owner: 3 };

export function hasRole(actual: Role, required: Role): boolean {
  return roleRank[actual] >= roleRank[required];
}

type Infer<T> = T extends ZodType ? z.infer<T> : undefined;

export interface RouteResult {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

interface RouteSpec<B extends ZodType | undefined, Q extends ZodType | undefined, P extends ZodType | undefined, A> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Express path syntax (`/api/api-keys/:apiKeyId`). */
  path: string;
  summary: string;
  /** What the summary cannot say (behaviour, limits), shown in the OpenAPI document before the role it requires. */
  description?: string;
  tag: string;
  /** A JSON body. Without one (and without `bodyFormat`), a body with fields is refused: nothing would read it. */
  body?: B;
  /** A body that is not JSON: `csv`, a file received by the handler (multipart/form-data or the raw file); `form`, form-encoded fields. */
  bodyFormat?: 'csv' | 'form';
  query?: Q;
  params?: P;
  /**
   * Checks beyond the schema's that need stored data (a campaign's settings). They run whether or not the
   * schema accepted the body, on the body as parsed or else as sent (so they read it defensively), and their
   * issues are answered together with the schema's: one answer lists every problem. The handler runs only
   * when there are none.
   */
  rules?: (context: { body: unknown; params: Infer<P>; auth: A }) => Promise<FieldIssue[]>;
  responses: Record<number, { description: string; schema?: ZodType; contentType?: string }>;
  /** Runs before parsing, e.g. rate limits. */
  middleware?: RequestHandler[];
  handler: (context: {
    body: Infer<B>;
    query: Infer<Q>;
    params: Infer<P>;
    auth: A;
    req: Request;
    res: Response;
  }) => Promise<RouteResult | void>;
}

/** Public routes carry no auth context; the others declare the least role they need. */
export type PublicRoute<
  B extends ZodType | undefined = undefined,
  Q extends ZodType | undefined = undefined,
  P extends ZodType | undefined = undefined,
> = RouteSpec<B, Q, P, undefined> & { access: 'public' };
export type ProtectedRoute<
  B extends ZodType | undefined = undefined,
  Q extends ZodType | undefined = undefined,
  P extends ZodType | undefined = undefined,
> = RouteSpec<B, Q, P, AuthContext> & { access: Role };

export type N8nRoute<
  B extends ZodType | undefined = undefined,
  Q extends ZodType | undefined = undefined,
  P extends ZodType | undefined = undefined,
> = RouteSpec<B, Q, P, N8nCaller> & { access: 'n8n' };

// The route list is heterogeneous by design; each entry was type-checked where it was declared.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a union of every route's own types is what `any` stands for here
export type AnyRoute = PublicRoute<any, any, any> | ProtectedRoute<any, any, any> | N8nRoute<any, any, any>;

export function route<
  B extends ZodType | undefined = undefined,
  Q extends ZodType | undefined = undefined,
  P extends ZodType | undefined = undefined,
>(spec: PublicRoute<B, Q, P> | ProtectedRoute<B, Q, P> | N8nRoute<B, Q, P>): AnyRoute {
  return spec as AnyRoute;
}

const problemResponse = (description: string) => ({ description, content: { [problemContentType]: { schema: problemSchema } } });

const bodyFormatContent = {
  csv: {
    description: 'The CSV file: a multipart/form-data file part, or the raw file as the body',
    required: true,
    content: {
      'multipart/form-data': { schema: z.object({ file: z.string().openapi({ format: 'binary' }) }) },
      'text/csv': { schema: z.string() },
    },
  },
  form: { required: false, content: { 'application/x-www-form-urlencoded': { schema: z.record(z.string(), z.string()) } } },
} as const;

function openApiPath(path: string): string {
  return path.replace(/:(\w+)/g, '{$1}');
}

function parse(schema: ZodType | undefined, value: unknown, location: 'body' | 'query'): { data: unknown; issues: FieldIssue[] } {
  if (!schema) return { data: undefined, issues: [] };
  // The input is reported so an unknown enum value can be named with its nearest valid one.
  const result = schema.safeParse(value, { reportInput: true });
  return result.success ? { data: result.data, issues: [] } : { data: value, issues: issuesFromZod(result.error, location) };
}

function hasBody(req: Request): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

/** What a route's body must be, refused up front with how to send it instead. */
function checkBodyFormat(spec: AnyRoute, req: Request): FieldIssue[] {
  if (spec.bodyFormat === 'csv') {
    if (req.is('application/json')) {
      throw new AppError(
        'unsupported_media_type',
        'Upload the CSV file itself: as multipart/form-data with a file part (curl -F file=@leads.csv), or as the raw body with Content-Type: text/csv (curl --data-binary @leads.csv -H "Content-Type: text/csv"); a JSON body carries no file',
      );
    }
    return [];
  }
  if (spec.bodyFormat === 'form') {
    if (req.is('application/json'))
      throw new AppError('unsupported_media_type', 'Send the fields form-encoded (application/x-www-form-urlencoded), not as JSON');
    return [];
  }
  if (spec.body) {
    if (hasBody(req) && !req.is('application/json'))
      throw new AppError('unsupported_media_type', 'Send the body as JSON with Content-Type: application/json');
    return [];
  }
  const body: unknown = req.body;
  if (body === undefined || (typeof body === 'object' && body !== null && !Array.isArray(body) && Object.keys(body).length === 0))
    return [];
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
    return Object.keys(body).map((key) => ({ path: key, message: 'Unknown field: this route takes no body' }));
  }
  return [{ path: '', message: 'This route takes no body' }];
}

export function mountRoutes(options: {
  router: Router;
  registry: OpenAPIRegistry;
  routes: AnyRoute[];
  authenticate: Authenticate;
  authenticateN8n: AuthenticateN8n;
}): void {
  const { router, registry, routes, authenticate, authenticateN8n } = options;
  for (const spec of routes) {
    registry.registerPath({
      method: spec.method,
      path: openApiPath(spec.path),
      summary: spec.summary,
      tags: [spec.tag],
      security: spec.access === 'public' ? [] : spec.access === 'n8n' ? [{ n8nSignature: [] }] : [{ bearer: [] }],
      ...(spec.access === 'public' && !spec.description
        ? {}
        : {
            description: [
              spec.description,
              spec.access === 'public'
                ? undefined
                : spec.access === 'n8n'
                  ? 'Called by n8n workflows; HMAC-signed.'
                  : `Requires the ${spec.access} role or higher.`,
            ]
              .filter((part) => part !== undefined)
              .join('\n\n'),
          }),
      request: {
        ...(spec.params ? { params: spec.params as never } : {}),
        ...(spec.query ? { query: spec.query as never } : {}),
        ...(spec.body ? { body: { content: { 'application/json': { schema: spec.body } }, required: true } } : {}),
        ...(spec.bodyFormat ? { body: bodyFormatContent[spec.bodyFormat] } : {}),
      },
      responses: {
        // Every route validates its body (or its absence), so every one can answer 400.
        400: problemResponse('validation_failed: every problem with the body and query at once, in issues[]'),
        ...Object.fromEntries(
          Object.entries(spec.responses).map(([status, response]) => [
            status,
            response.schema || response.contentType || Number(status) < 400
              ? {
                  description: response.description,
                  ...(response.schema ? { content: { [response.contentType ?? 'application/json']: { schema: response.schema } } } : {}),
                }
              : problemResponse(response.description),
          ]),
        ),
        default: problemResponse('A problem (RFC 9457)'),
      },
    });

    router[spec.method](spec.path, ...(spec.middleware ?? []), async (req: Request, res: Response) => {
      let auth: AuthContext | N8nCaller | undefined;
      if (spec.access === 'n8n') {
        auth = await authenticateN8n(req);
      } else if (spec.access !== 'public') {
        auth = await authenticate(req);
        if (!hasRole(auth.role, spec.access)) throw new ForbiddenError();
      }
      // A malformed id cannot name anything: answer as for an id that is not there.
      const params = spec.params?.safeParse(req.params);
      if (params && !params.success) throw new NotFoundError('Resource');
      const formatIssues = checkBodyFormat(spec, req);
      const body = parse(spec.body, req.body ?? {}, 'body');
      const query = parse(spec.query, req.query, 'query');
      const ruleIssues = spec.rules ? await spec.rules({ body: body.data, params: params?.data, auth } as never) : [];
      const issues = [...formatIssues, ...body.issues, ...ruleIssues, ...query.issues];
      if (issues.length > 0) throw new ValidationError(issues);
      const context = { body: body.data, query: query.data, params: params?.data, auth, req, res };
      const result = await (spec.handler as (ctx: typeof context) => Promise<RouteResult | void>)(context);
      if (res.headersSent) return;
      for (const [name, value] of Object.entries(result?.headers ?? {})) res.setHeader(name, value);
      if (result?.body === undefined) {
        res.status(result?.status ?? 204).end();
        return;
      }
      res.status(result.status ?? 200).json(result.body);
    });
  }
}
