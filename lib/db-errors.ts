// Prisma's error code for a unique-constraint violation: the row the caller wanted already exists.
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}
