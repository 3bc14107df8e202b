import type { ArticleStatus } from '#src/db/schema.ts';
import { sameDraft } from './draft-fields.ts';
import type { KeptCopy } from './local-copy.ts';
import { useIslandT } from './island-i18n.ts';
import { zonedTimeAndDay } from './zoned-time.ts';
import type { ArticleDraft } from './types.ts';

/**
 * Unsaved work offered back on opening an article: a copy this browser kept, the pending edit the
 * server kept (ADR 0015), or both when they hold the same work. Nothing is thrown away until the
 * editor chooses.
 */
export type RestoreOffer = {
  draft: ArticleDraft;
  /** The version the work started from: restored work saves against it, so a newer article is a conflict. */
  baseVersion: number | null;
  /** When it was kept (ISO UTC instant). */
  keptAt: string;
  /** The localStorage key of the browser's copy, if this browser has one. */
  localKey: string | null;
  /** Whether the server keeps it as this person's pending edit. */
  onServer: boolean;
};

/** Offers of the copies this browser kept, newest first. */
export function offersFromCopies(copies: KeptCopy[]): RestoreOffer[] {
  return copies.map((copy) => ({ draft: copy.draft, baseVersion: copy.baseVersion, keptAt: copy.keptAt, localKey: copy.key, onServer: false }));
}

/**
 * Adds the server's pending edit to the offers, newest first: one offer per distinct work (a local copy
 * holding the same work becomes both), and none for the work already in the editor.
 */
export function withServerOffer(offers: RestoreOffer[], server: Omit<RestoreOffer, 'localKey' | 'onServer'>, inEditor: ArticleDraft): RestoreOffer[] {
  if (sameDraft(server.draft, inEditor)) return offers;
  const same = offers.find((offer) => sameDraft(offer.draft, server.draft));
  const merged = same
    ? offers.map((offer) => (offer === same ? { ...offer, onServer: true } : offer))
    : [...offers, { ...server, localKey: null, onServer: true }];
  return merged.sort((a, b) => b.keptAt.localeCompare(a.keptAt));
}

type RestoreNoticeProps = {
  offer: RestoreOffer;
  status: ArticleStatus | null;
  timeZone: string;
  onRestore: () => void;
  onDiscard: () => void;
};

/** The notice offering kept work back: "Restore them" loads it into the editor (not live), "Discard them" forgets it. */
export function RestoreNotice({ offer, status, timeZone, onRestore, onDiscard }: RestoreNoticeProps) {
  const { t, locale } = useIslandT();
  const when = t('common.timeOnDay', zonedTimeAndDay(offer.keptAt, timeZone, locale));
  const text = !offer.onServer
    ? t('editor.restore.browserKept', { when })
    : status === 'published' || status === 'scheduled'
      ? t('editor.restore.serverKeptLive', { status, when })
      : t('editor.restore.serverKept', { when });
  return (
    <div class="nr-notice nr-notice--warn ed-restore" role="alert">
      <span>{text}</span>
      <button type="button" class="nr-button nr-button--small" onClick={onRestore}>
        {t('editor.restore.restore')}
      </button>
      <button type="button" class="nr-button nr-button--quiet nr-button--small" onClick={onDiscard}>
        {t('editor.restore.discard')}
      </button>
    </div>
  );
}
