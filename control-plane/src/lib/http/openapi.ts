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
      .array(z.object({ field: z.string(), message: z.string(), line: z.number().int().optional() }))
      .optional(),
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
      description: 'Errors are RFC 9457 problem+json documents with a stable `code`.',
    },
  });
}
