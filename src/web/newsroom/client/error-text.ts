import { ApiError, OfflineError } from './api-client.ts';
import type { IslandTranslator } from './island-i18n.ts';

/**
 * What to tell the user about a failed call: the server's own message when it gave one, else what
 * happened in the user's language (the connection failed, or the status the server answered).
 */
export function errorText(error: unknown, t: IslandTranslator['t']): string {
  if (error instanceof OfflineError) return t('common.offline');
  if (error instanceof ApiError) return error.body.message ?? t('common.serverAnswered', { status: String(error.status) });
  return error instanceof Error ? error.message : String(error);
}
