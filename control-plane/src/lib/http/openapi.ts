import { OpenAPIRegistry, OpenApiGeneratorV31, extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

extendZodWithOpenApi(z);

export { OpenAPIRegistry };

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string(),
    detail: z.string(),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    issues: z
      .array(
        z
          .object({
            path: z
              .string()
              .describe(
                "Dotted path relative to the request body (`steps.0.variants.1.subject`), or to the query string when `in` is `query`; '' is the whole body",
              ),
            in: z.enum(['body', 'query']),
            message: z.string(),
            line: z.number().int().optional().describe('In a text value (a template, a CSV file): 1-based line'),
            column: z.number().int().optional().describe('1-based column on that line'),
            allowed: z.array(z.string()).optional().describe('For a value outside a fixed set: the accepted values'),
            suggestion: z.string().optional().describe('The accepted value nearest to the one sent'),
          })
          .openapi('ProblemIssue'),
      )
      .optional()
      .describe('Every problem with the request at once (validation_failed, conflict on a field)'),
  })
  .openapi('Problem');

export function createOpenApiRegistry(): OpenAPIRegistry {
  const registry = new OpenAPIRegistry();
  registry.register('Problem', problemSchema);
  registry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'An access token from /api/auth/login, or an API key (ophir_...)',
  });
  registry.registerComponent('securitySchemes', 'n8nSignature', {
    type: 'apiKey',
    in: 'header',
    name: 'X-Ophir-Signature',
    description:
      'v2=hex(HMAC-SHA256(secret, lines "v2", METHOD, path with query, X-Ophir-Timestamp (unix seconds), X-Ophir-Nonce, rawBody joined by \\n)); each nonce is accepted once (custom-nodes/README.md "Signing")',
  });
  return registry;
}

export function buildOpenApiDocument(registry: OpenAPIRegistry, version: string) {
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Ophir control plane API',
      version,
      description: 'Errors are RFC 9457 problem+json documents (the Problem schema) with a stable `code`; see docs/api-errors.md.',
    },
  });
}
