/** Prisma's error for a unique constraint (an email or a list name already taken). */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string }).code === 'P2002';
}
