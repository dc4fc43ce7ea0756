import type { Request, RequestHandler, Response, Router } from 'express';
import { z, type ZodType } from 'zod';
import type { Role } from '../../generated/prisma/enums.js';
import { AppError, ForbiddenError, NotFoundError } from '../errors.js';
import type { ScopedDb } from '../db/tenantScope.js';
import { problemSchema, type OpenAPIRegistry } from './openapi.js';
import { issuesFromZod } from './problem.js';

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
  tag: string;
  body?: B;
  query?: Q;
  params?: P;
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
export type PublicRoute<B extends ZodType | undefined = undefined, Q extends ZodType | undefined = undefined, P extends ZodType | undefined = undefined> =
  RouteSpec<B, Q, P, undefined> & { access: 'public' };
export type ProtectedRoute<B extends ZodType | undefined = undefined, Q extends ZodType | undefined = undefined, P extends ZodType | undefined = undefined> =
  RouteSpec<B, Q, P, AuthContext> & { access: Role };

export type N8nRoute<B extends ZodType | undefined = undefined, Q extends ZodType | undefined = undefined, P extends ZodType | undefined = undefined> =
  RouteSpec<B, Q, P, N8nCaller> & { access: 'n8n' };

// The route list is heterogeneous by design; each entry was type-checked where it was declared.
export type AnyRoute = PublicRoute<any, any, any> | ProtectedRoute<any, any, any> | N8nRoute<any, any, any>;

export function route<B extends ZodType | undefined = undefined, Q extends ZodType | undefined = undefined, P extends ZodType | undefined = undefined>(
  spec: PublicRoute<B, Q, P> | ProtectedRoute<B, Q, P> | N8nRoute<B, Q, P>,
): AnyRoute {
  return spec as AnyRoute;
}

function openApiPath(path: string): string {
  return path.replace(/:(\w+)/g, '{$1}');
}

function parseOrThrow(schema: ZodType | undefined, value: unknown, location: string): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = issuesFromZod(result.error).map((issue) => ({
    ...issue,
    field: issue.field === '(body)' ? location : `${location}.${issue.field}`,
  }));
  throw new AppError('validation_failed', `Invalid ${location}`, { issues });
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
      ...(spec.access === 'public'
        ? {}
        : { description: spec.access === 'n8n' ? 'Called by n8n workflows; HMAC-signed.' : `Requires the ${spec.access} role or higher.` }),
      request: {
        ...(spec.params ? { params: spec.params as never } : {}),
        ...(spec.query ? { query: spec.query as never } : {}),
        ...(spec.body ? { body: { content: { 'application/json': { schema: spec.body } }, required: true } } : {}),
      },
      responses: {
        ...Object.fromEntries(
          Object.entries(spec.responses).map(([status, response]) => [
            status,
            {
              description: response.description,
              ...(response.schema ? { content: { [response.contentType ?? 'application/json']: { schema: response.schema } } } : {}),
            },
          ]),
        ),
        default: { description: 'A problem (RFC 9457)', content: { 'application/problem+json': { schema: problemSchema } } },
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
      const context = {
        body: parseOrThrow(spec.body, req.body ?? {}, 'body'),
        query: parseOrThrow(spec.query, req.query, 'query'),
        params: params?.data,
        auth,
        req,
        res,
      };
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
