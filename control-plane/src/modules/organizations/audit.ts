import type { AuthContext } from '../../lib/http/route.js';

/** Records who did what; written in the same transaction or right after the change it describes. */
export async function recordAudit(
  auth: AuthContext,
  entry: { action: string; targetType: string; targetId?: string; data?: Record<string, unknown> },
): Promise<void> {
  await auth.db.auditLog.create({
    data: {
      organizationId: auth.organizationId,
      actorUserId: auth.userId ?? null,
      actorApiKeyId: auth.apiKeyId ?? null,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId ?? null,
      data: (entry.data ?? {}) as object,
    },
  });
}
