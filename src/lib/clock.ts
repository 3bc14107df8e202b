/** The current instant as an ISO-8601 UTC string: the one format times are stored in. */
export function nowIso(): string {
  return new Date().toISOString();
}

/** Normalises any parseable instant to ISO-8601 UTC, or returns null for an invalid one. */
export function toIsoInstant(value: string | Date): string | null {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
