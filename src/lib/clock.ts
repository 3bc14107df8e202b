/** The current instant as an ISO-8601 UTC string: the one format times are stored in. */
export function nowIso(): string {
  return new Date().toISOString();
}
