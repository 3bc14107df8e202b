import type { Generated, Selectable } from 'kysely';

/**
 * Table types shared by SQLite and PostgreSQL.
 * Times are ISO-8601 UTC strings in both (PostgreSQL keeps timestamptz; the pg driver is told to
 * hand them back as ISO strings, see database.ts). JSON documents are stored as text.
 */
export interface Database {
  site_settings: SiteSettingsTable;
  sections: SectionsTable;
  tags: TagsTable;
  authors: AuthorsTable;
  locations: LocationsTable;
  media: MediaTable;
  media_variants: MediaVariantsTable;
  articles: ArticlesTable;
  article_media: ArticleMediaTable;
  article_tags: ArticleTagsTable;
  article_authors: ArticleAuthorsTable;
  article_revisions: ArticleRevisionsTable;
  article_corrections: ArticleCorrectionsTable;
  article_reviews: ArticleReviewsTable;
  redirects: RedirectsTable;
  users: UsersTable;
  sessions: SessionsTable;
  password_resets: PasswordResetsTable;
  notifications: NotificationsTable;
  notification_preferences: NotificationPreferencesTable;
  invitations: InvitationsTable;
  login_failures: LoginFailuresTable;
  audit_log: AuditLogTable;
  jobs: JobsTable;
  article_presence: ArticlePresenceTable;
  article_pending_edits: ArticlePendingEditsTable;
  term_translations: TermTranslationsTable;
  article_search_documents: ArticleSearchDocumentsTable;
  article_views: ArticleViewsTable;
  article_counts: ArticleCountsTable;
  article_month_counts: ArticleMonthCountsTable;
  article_term_counts: ArticleTermCountsTable;
  webhook_endpoints: WebhookEndpointsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  api_keys: ApiKeysTable;
  reuse_fingerprints: ReuseFingerprintsTable;
  reuse_hash_counts: ReuseHashCountsTable;
  reuse_article_hashes: ReuseArticleHashesTable;
  reuse_index_rebuild: ReuseIndexRebuildTable;
  reuse_policy: ReusePolicyTable;
  partners: PartnersTable;
  partner_domains: PartnerDomainsTable;
  licence_requests: LicenceRequestsTable;
  licences: LicencesTable;
  main_page_revisions: MainPageRevisionsTable;
  pages: PagesTable;
  page_revisions: PageRevisionsTable;
  watch_sources: WatchSourcesTable;
  watch_items: WatchItemsTable;
  reuse_findings: ReuseFindingsTable;
  import_records: ImportRecordsTable;
  import_runs: ImportRunsTable;
  article_comments: ArticleCommentsTable;
  article_comment_mentions: ArticleCommentMentionsTable;
}

export interface SiteSettingsTable {
  id: number;
  name: string;
  tagline: string;
  logo_media_id: number | null;
  /** JSON object: network name → URL. */
  social_links: string;
  time_zone: string;
  reuse_share_percent: number;
  reuse_policy_text: string;
  /** JSON array of BCP 47 codes the site publishes in, e.g. ["en","kk","ru"]. */
  languages: string;
  /** The language whose pages sit at the root (the others under /code/). */
  default_language: string;
  /** 1: Kazakh articles can also be read in Latin script (/kk-latn/…). */
  kazakh_latin: number;
  /** JSON object: language → { name?, tagline?, reusePolicyText? } for the languages other than the default. */
  localized: string;
  updated_at: string;
  /** Who may read the Content API (migration 0012; domain/content-api/content-access.ts). */
  content_api_access: Generated<ContentApiAccess>;
  /** The WebSub hub publish pings go to and feeds declare; NULL: none (migration 0017). */
  websub_hub_url: string | null;
  /** The IndexNow endpoint changed URLs are posted to; NULL: none. */
  indexnow_endpoint: string | null;
  /** The site's IndexNow key, served at /<key>.txt; NULL while IndexNow is off. */
  indexnow_key: string | null;
  /** 1: feed items carry the full text followed by the republication notice. */
  feeds_full_text: Generated<number>;
  /** Where purge requests for changed surrogate keys go (migration 0022); null: no CDN purging. */
  cdn_purge_url: string | null;
  /** How they are sent: 'generic', 'fastly' or 'cloudflare'. */
  cdn_purge_style: Generated<string>;
  /** The token that authorises them; null: none sent. */
  cdn_purge_token: string | null;
  /** How readers' views are counted: 'server' or 'beacon' (migration 0043, ADR 0073). */
  view_counting: Generated<string>;
}

/** Whether the Content API answers everyone, or only requests carrying an API key (any role). */
export const CONTENT_API_ACCESS = ['open', 'key-required'] as const;
export type ContentApiAccess = (typeof CONTENT_API_ACCESS)[number];

export interface SectionsTable {
  id: Generated<number>;
  parent_id: number | null;
  name: string;
  slug: string;
  description: string;
  position: number;
  created_at: string;
}

export interface TagsTable {
  id: Generated<number>;
  name: string;
  slug: string;
  created_at: string;
}

export interface AuthorsTable {
  id: Generated<number>;
  name: string;
  slug: string;
  bio: string;
  photo_media_id: number | null;
  created_at: string;
}

export interface LocationsTable {
  id: Generated<number>;
  city: string;
  country: string;
  time_zone: string;
}

export interface MediaTable {
  id: Generated<number>;
  /** Path of the original under the media folder. */
  file_key: string;
  mime_type: string;
  width: number;
  height: number;
  byte_size: number;
  sha256: string;
  original_name: string;
  caption: string;
  credit: string;
  alt_text: string;
  /** Caption, credit, alt text and original name folded for search (lib/search-text.ts), kept in step on every write. */
  search_text: string;
  created_by: number | null;
  created_at: string;
}

export interface MediaVariantsTable {
  media_id: number;
  width: number;
  height: number;
  format: string;
  file_key: string;
  byte_size: number;
}

/** An article's workflow states. */
export const ARTICLE_STATUSES = ['draft', 'review', 'scheduled', 'published', 'trashed'] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

/** What made a revision: a step of the editor or the workflow. */
export const REVISION_KINDS = ['create', 'save', 'autosave', 'publish', 'restore', 'conflict'] as const;
export type RevisionKind = (typeof REVISION_KINDS)[number];

/** A notice under a published article: 'correction' fixes an error, 'update' adds news. */
export const CORRECTION_KINDS = ['correction', 'update'] as const;
export type CorrectionKind = (typeof CORRECTION_KINDS)[number];

/** A step of an article's review. */
export const REVIEW_ACTIONS = ['submitted', 'approved', 'returned'] as const;
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];

export interface ArticlesTable {
  id: Generated<number>;
  section_id: number;
  slug: string;
  title: string;
  standfirst: string;
  /** The body document (JSON text, see domain/articles/article-body.ts). */
  body: string;
  lead_media_id: number | null;
  /** Per-use overrides of the lead image's library caption and credit; empty: the library's. */
  lead_caption: string;
  lead_credit: string;
  location_id: number | null;
  source_attribution: string;
  /** Search and social fields (migration 0023); empty text or null: the title, standfirst and lead image stand in. */
  seo_title: Generated<string>;
  meta_description: Generated<string>;
  social_title: Generated<string>;
  social_description: Generated<string>;
  social_media_id: number | null;
  status: ArticleStatus;
  /** Status before trashing, restored by "restore". */
  status_before_trash: ArticleStatus | null;
  published_at: string | null;
  scheduled_at: string | null;
  /** Derived at write time from the body. */
  plain_text: string;
  word_count: number;
  reading_minutes: number;
  /** Derived at write time: title and standfirst folded for newsroom search (lib/search-text.ts). */
  search_text: string;
  version: number;
  created_by: number | null;
  updated_by: number | null;
  created_at: string;
  updated_at: string;
  /** BCP 47 code of the article's language (one of the site's languages). */
  language: string;
  /** The original this article translates (never itself a translation), or null for an original. */
  translation_of_id: number | null;
}

/**
 * Readers' search: one row per published article (none for any other state), its words folded by
 * i18n/search-folding.ts. SQLite indexes it with FTS5, one index per language (article_search_fts_en,
 * _kk, _ru: migration 0034), PostgreSQL with a generated tsvector column (search_vector, not named
 * here: only SQL reads it). Migration 0015.
 */
export interface ArticleSearchDocumentsTable {
  article_id: number;
  /** The article's language, section and publication instant, copied for the filters. */
  language: string;
  section_id: number;
  published_at: string;
  /** PostgreSQL's text search configuration for the language (russian, english, simple). */
  ts_config: string;
  /** Title, standfirst and body text, folded (a Kazakh article's in both scripts). */
  title: string;
  standfirst: string;
  body: string;
}

/** Which taxonomy a term translation belongs to. */
export const TERM_KINDS = ['section', 'tag', 'author', 'location'] as const;
export type TermKind = (typeof TERM_KINDS)[number];

/**
 * A section's, tag's, author's or location's name, slug and description in a language other than
 * the default (whose values stay in the term's own table). A location's name is its city, its
 * description its country, and it has no slug.
 */
export interface TermTranslationsTable {
  kind: TermKind;
  term_id: number;
  language: string;
  name: string;
  slug: string | null;
  /** A section's description, an author's bio, a location's country; '' for tags. */
  description: string;
}

export interface ArticleTagsTable {
  article_id: number;
  tag_id: number;
  position: number;
  /** The article's status, published_at and language, copied on every write (public lists read them here). */
  status: ArticleStatus;
  published_at: string | null;
  language: string;
}

export interface ArticleAuthorsTable {
  article_id: number;
  author_id: number;
  position: number;
  /** The article's status, published_at and language, copied on every write (public lists read them here). */
  status: ArticleStatus;
  published_at: string | null;
  language: string;
}

/** Which articles use which image (lead or figure), written with every article save. */
export interface ArticleMediaTable {
  article_id: number;
  media_id: number;
  role: 'lead' | 'figure' | 'social';
}

export interface ArticleRevisionsTable {
  id: Generated<number>;
  article_id: number;
  version: number;
  /** JSON snapshot of the editable fields at this version. */
  snapshot: string;
  kind: RevisionKind;
  created_by: number | null;
  created_at: string;
}

export interface ArticleCorrectionsTable {
  id: Generated<number>;
  article_id: number;
  kind: CorrectionKind;
  text: string;
  created_by: number | null;
  created_at: string;
}

export interface ArticleReviewsTable {
  id: Generated<number>;
  article_id: number;
  action: ReviewAction;
  note: string;
  created_by: number | null;
  created_at: string;
}

export interface RedirectsTable {
  id: Generated<number>;
  from_path: string;
  to_path: string;
  created_at: string;
}

export type Role = 'contributor' | 'author' | 'editor' | 'admin';

export interface UsersTable {
  id: Generated<number>;
  email: string;
  name: string;
  password_hash: string;
  role: Role;
  author_id: number | null;
  must_change_password: number;
  disabled_at: string | null;
  created_at: string;
  /** The newsroom's interface language for this user; null: the site's default language. */
  interface_language: string | null;
}

export interface SessionsTable {
  /** SHA-256 of the cookie token: a stolen database does not yield live sessions. */
  id: string;
  user_id: number;
  csrf_token: string;
  ip: string;
  user_agent: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
}

export interface PasswordResetsTable {
  token_hash: string;
  user_id: number;
  expires_at: string;
  used_at: string | null;
  created_at: string;
}

/** One notice for one person (the newsroom's bell); `kind` is a NotificationKind. */
export interface NotificationsTable {
  id: Generated<number>;
  recipient_id: number;
  kind: string;
  article_id: number | null;
  actor_id: number | null;
  comment_id: number | null;
  created_at: string;
  read_at: string | null;
}

/** A person's choice for one kind of notification, where it differs from the defaults (0/1). */
export interface NotificationPreferencesTable {
  user_id: number;
  kind: string;
  in_app: number;
  by_mail: number;
}

/** An admin's invitation of a colleague: a single-use link, stored as the token's SHA-256. */
export interface InvitationsTable {
  id: Generated<number>;
  email: string;
  name: string;
  role: Role;
  token_hash: string;
  invited_by: number | null;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
  revoked_at: string | null;
  /** The account the invitation became. */
  user_id: number | null;
}

export interface LoginFailuresTable {
  id: Generated<number>;
  /** 'email:…' or 'ip:…' */
  key: string;
  created_at: string;
}

/** Every action the audit log records, by area (a dotted verb; new actions are added here first). */
export const AUDIT_ACTIONS = [
  'article.publish',
  'article.publish-scheduled',
  'article.approve',
  'article.schedule',
  'article.unpublish',
  'article.trash',
  'article.restore',
  'article.correction',
  'article.update',
  'article.translated',
  'media.uploaded',
  'media.updated',
  'login',
  'login.failed',
  'logout',
  'user.created',
  'user.role_changed',
  'user.disabled',
  'user.enabled',
  'user.author_linked',
  'user.password_changed',
  'user.password_reset_requested',
  'user.password_reset',
  'user.interface_language_changed',
  'taxonomy.created',
  'taxonomy.updated',
  'taxonomy.translated',
  'settings.updated',
  'webhook.created',
  'webhook.updated',
  'webhook.deleted',
  'webhook.redelivered',
  'api_key.created',
  'api_key.revoked',
  'rights.policy_updated',
  'licence.requested',
  'licence.approved',
  'licence.denied',
  'licence.revoked',
  'partner.created',
  'partner.updated',
  'main_page.saved',
  'main_page.published',
  'article.bulk',
  'page.created',
  'page.updated',
  'page.published',
  'page.unpublished',
  'page.trashed',
  'page.restored',
  'monitor.source_created',
  'monitor.source_updated',
  'monitor.source_deleted',
  'monitor.finding_status_changed',
  'import.started',
  'user.invited',
  'user.invitation_revoked',
  'user.invitation_accepted',
  'comment.created',
  'comment.edited',
  'comment.deleted',
  'comment.resolved',
  'comment.reopened',
] as const;

/** One action of the audit log. */
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditLogTable {
  id: Generated<number>;
  user_id: number | null;
  action: AuditAction;
  subject_type: string;
  subject_id: string;
  details: string;
  created_at: string;
}

export interface JobsTable {
  id: Generated<number>;
  kind: string;
  payload: string;
  run_at: string;
  attempts: number;
  locked_at: string | null;
  last_error: string | null;
  done_at: string | null;
  failed_at: string | null;
  created_at: string;
}

export interface ArticlePresenceTable {
  article_id: number;
  user_id: number;
  seen_at: string;
}

/** An editor's changes to a live article that are not live yet (ADR 0015): one per article and user. */
export interface ArticlePendingEditsTable {
  article_id: number;
  user_id: number;
  /** The article version the edit started from: publishing it saves against this version. */
  base_version: number;
  /** JSON of the edited fields, as the editor's update payload (article-schema.ts's patch). */
  fields: string;
  kept_at: string;
}

/** How many articles there are of a status in a language, kept by triggers on articles (migration 0028). */
export interface ArticleCountsTable {
  status: ArticleStatus;
  /** BCP 47 code. */
  language: string;
  total: number;
}

/** How many published articles of a language came out in a UTC month, kept by triggers on articles (migrations 0033, 0036): the sitemap index's months. */
export interface ArticleMonthCountsTable {
  /** 'YYYY-MM' in UTC. */
  month: string;
  /** The articles' language (a row per language, so writers of different languages never update one row). */
  language: string;
  /** Articles with status published and published_at in that month, due or not yet. */
  total: number;
}

/** How many published articles a section, tag or author has in a language, kept by triggers (migration 0042): the list pages' pagination. */
export interface ArticleTermCountsTable {
  kind: 'section' | 'tag' | 'author';
  /** The section's, tag's or author's id. */
  term_id: number;
  /** The articles' language (BCP 47). */
  language: string;
  /** Articles with status published and a published_at, due or not yet (a section's own, not its subsections'). */
  total: number;
}

/** Readers' views of an article in one UTC hour ("2024-05-01T06"), summed over processes. */
export interface ArticleViewsTable {
  article_id: number;
  hour: string;
  views: number;
}

/** A receiver of webhooks an admin registered (Standard Webhooks signing). */
export interface WebhookEndpointsTable {
  id: Generated<number>;
  /** Where deliveries are POSTed (http or https). */
  url: string;
  description: string;
  /** JSON array of the event types it subscribes to (domain/webhooks/webhook-events.ts). */
  events: string;
  /** The signing secret, `whsec_` + base64 of 24 random bytes; kept in the clear because every delivery is signed with it. */
  secret: string;
  /** 1: deliveries are sent; 0: disabled by an admin or after failing too long. */
  enabled: number;
  /** Why it was disabled, in words for the newsroom; null while enabled. */
  disabled_reason: string | null;
  disabled_at: string | null;
  /** Failed attempts since the last success. */
  consecutive_failures: number;
  /** When the current run of failures began; null after a success. */
  failing_since: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

/** The state a webhook delivery is in. */
export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'succeeded', 'failed'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/** One webhook message to one endpoint, and how its latest attempt went. */
export interface WebhookDeliveriesTable {
  id: Generated<number>;
  endpoint_id: number;
  event_type: string;
  /** The JSON body sent, byte for byte (the signature covers it). */
  payload: string;
  /** The `webhook-id` header: the same on every retry, so receivers can drop duplicates. */
  message_id: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  /** HTTP status of the latest attempt; null when no answer came. */
  response_code: number | null;
  /** Milliseconds the latest attempt took. */
  duration_ms: number | null;
  /** When the next attempt is due; null once succeeded or given up. */
  next_retry_at: string | null;
  last_error: string | null;
  last_attempt_at: string | null;
  created_at: string;
}

/** A credential for the APIs (migration 0012): the secret itself is never stored, only its SHA-256. */
export interface ApiKeysTable {
  id: Generated<number>;
  /** What the key is for, as the admin named it ("CMS importer"). */
  name: string;
  /** The rights the key acts with (never more than its owner's current role). */
  role: Role;
  /** The key's public part (`qk_<prefix>_…`): shown in lists, and how a presented key finds its row. */
  prefix: string;
  /** SHA-256 (hex) of the whole key string. */
  secret_hash: string;
  /** The admin who made it; the key acts on their behalf and dies with their account. */
  created_by: number;
  created_at: string;
  /** When the key stops working, or null for never. */
  expires_at: string | null;
  /** Last authenticated use, written at most once a minute per key. */
  last_used_at: string | null;
  revoked_at: string | null;
}

/** An organisation licensed (or asking) to republish our articles (migration 0018). */
export interface PartnersTable {
  id: Generated<number>;
  organisation: string;
  contact_name: string;
  contact_email: string;
  /** The API key its syndication feed is read with (Authorization: Bearer), or null. */
  api_key_id: number | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

/** A host name a partner publishes under (lower case, ASCII/punycode); it covers its subdomains too. */
export interface PartnerDomainsTable {
  domain: string;
  partner_id: number;
}

/** Where a licence request came from. */
export const LICENCE_REQUEST_SOURCES = ['form', 'api'] as const;
export type LicenceRequestSource = (typeof LICENCE_REQUEST_SOURCES)[number];

/** Where a licence request stands. */
export const LICENCE_REQUEST_STATUSES = ['pending', 'approved', 'denied'] as const;
export type LicenceRequestStatus = (typeof LICENCE_REQUEST_STATUSES)[number];

/** A request to republish an article in full, waiting for (or given) the editors' decision. */
export interface LicenceRequestsTable {
  id: Generated<number>;
  article_id: number;
  /** The partner it is from (known when a partner's API key asked, or set when approved); null before. */
  partner_id: number | null;
  organisation: string;
  contact_name: string;
  contact_email: string;
  /** The host name the article would appear under. */
  domain: string;
  /** What the asker wrote: where and how they want to republish. */
  message: string;
  source: LicenceRequestSource;
  /** BCP 47 code of the page the form was sent from (the language to answer in). */
  language: string;
  status: LicenceRequestStatus;
  decision_note: string;
  decided_by: number | null;
  decided_at: string | null;
  created_at: string;
}

/** What a licence covers: one article, one section and its subsections, or every article. */
export const LICENCE_SCOPES = ['article', 'section', 'all'] as const;
export type LicenceScope = (typeof LICENCE_SCOPES)[number];

/** Permission for a partner to republish in full, within a scope, until it expires or is revoked. */
export interface LicencesTable {
  id: Generated<number>;
  partner_id: number;
  /** The request it answered, or null. */
  request_id: number | null;
  scope: LicenceScope;
  /** The article of an 'article' licence. */
  article_id: number | null;
  /** The section of a 'section' licence. */
  section_id: number | null;
  /** The editors' terms or remarks, shown to the partner. */
  note: string;
  starts_at: string;
  expires_at: string;
  revoked_at: string | null;
  created_by: number | null;
  created_at: string;
}

/** One saved layout of a language's Main Page and section pages (ADR 0035); live once published. */
export interface MainPageRevisionsTable {
  id: Generated<number>;
  /** The BCP 47 code of the articles it arranges (kk also serves the Kazakh Latin edition). */
  language: string;
  /** JSON of the layout (domain/curation/curation-schema.ts). */
  layout: string;
  /** What the editor said about this change; may be empty. */
  note: string;
  /** The revision this one copies, when it was made by "Restore". */
  restored_from: number | null;
  created_by: number | null;
  created_at: string;
  published_by: number | null;
  /** When it went live; null for a draft. */
  published_at: string | null;
}

/** What a watch source is: a feed (RSS, Atom, JSON Feed) or a sitemap listing pages, or one page (migration 0019). */
export const WATCH_SOURCE_KINDS = ['feed', 'sitemap', 'page'] as const;
export type WatchSourceKind = (typeof WATCH_SOURCE_KINDS)[number];

/** How a source's (or item's) last poll went: new content, unchanged (304), or a failure (see last_error). */
export const WATCH_POLL_STATUSES = ['ok', 'not-modified', 'failed', 'robots-disallowed'] as const;
export type WatchPollStatus = (typeof WATCH_POLL_STATUSES)[number];

/** An outside feed, sitemap or page the rights desk watches for copies of our articles. */
export interface WatchSourcesTable {
  id: Generated<number>;
  kind: WatchSourceKind;
  /** The feed's, sitemap's or page's http(s) address (unique). */
  url: string;
  /** What the desk calls it ("Daily Steppe, news feed"); may be empty. */
  name: string;
  /** 1: polled on its interval; 0: paused. */
  active: number;
  /** Minutes between polls (at least MIN_POLL_MINUTES). */
  poll_interval_minutes: number;
  /** When the next poll is due; the queued poll job carries the same instant (a job that does not is stale). Null while paused. */
  next_poll_at: string | null;
  last_polled_at: string | null;
  last_status: WatchPollStatus | null;
  /** Why the last poll failed, in words; null after a poll that did not. */
  last_error: string | null;
  /** The ETag and Last-Modified of the copy last read, sent back as If-None-Match / If-Modified-Since. */
  etag: string | null;
  last_modified: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

/** A page a feed or sitemap source listed (or a page source itself), checked when first seen. */
export interface WatchItemsTable {
  id: Generated<number>;
  source_id: number;
  url: string;
  /** Validators of the page as last fetched, for re-checks of pages with a finding. */
  etag: string | null;
  last_modified: string | null;
  first_seen_at: string;
  /** When the source last listed the page (null only on rows of an older install before its first poll). */
  last_listed_at: string | null;
  /** When the page was last fetched and checked; null while waiting for its turn. */
  checked_at: string | null;
  last_status: WatchPollStatus | null;
  last_error: string | null;
}

/** Where the desk stands on a finding: open (new), contacted (the site was written to), resolved, licensed, dismissed. */
export const FINDING_STATUSES = ['open', 'contacted', 'resolved', 'licensed', 'dismissed'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

/** One outside page reusing one of our articles against the policy (or under a licence), with its evidence. */
export interface ReuseFindingsTable {
  id: Generated<number>;
  /** The watch source that led to it; null when the source was removed. */
  source_id: number | null;
  page_url: string;
  article_id: number;
  /** Percent (one decimal) of the original the page reproduced when the evidence was taken. */
  share_of_original: number;
  /** Percent (one decimal) of the page's text that was ours. */
  share_of_text: number;
  link_present: number;
  link_compliant: number;
  link_href: string | null;
  link_reason: string;
  /** The checker's verdict (over-quota, missing-link, link-not-compliant, licensed). */
  verdict: string;
  /** JSON: the matched passages, theirs and ours, and the page's word count, as first seen (domain/monitoring/finding-evidence.ts). */
  evidence: string;
  first_seen_at: string;
  /** The last check that still found the copy. */
  last_seen_at: string;
  status: FindingStatus;
  status_changed_by: number | null;
  status_changed_at: string | null;
  /** The desk's note (whom they wrote to, what was agreed). */
  note: string;
}

export type UserRow = Selectable<UsersTable>;

/** One winnowed fingerprint of a published article (domain/rights/winnowing.ts): a word k-gram's hash and where it first starts. */
export interface ReuseFingerprintsTable {
  /** 32-bit signed hash of the k-gram's folded words. */
  hash: number;
  article_id: number;
  /** Index of the k-gram's first word in the article's text (title, standfirst, body). */
  position: number;
}

/** In how many articles a fingerprint hash occurs (its document frequency), kept in step with reuse_fingerprints. */
export interface ReuseHashCountsTable {
  hash: number;
  articles: number;
}

/** Each indexed article's fingerprint hashes (migration 0035): what re-indexing it takes out of reuse_fingerprints and reuse_hash_counts. */
export interface ReuseArticleHashesTable {
  article_id: number;
  /** 32-bit signed integers, ascending, little-endian (fingerprint-repository.ts encodes them). */
  hashes: Uint8Array;
}

/** The lease of the one full rebuild of the reuse index running (row id 1 while one runs). */
export interface ReuseIndexRebuildTable {
  id: number;
  /** When the rebuild began: its token, checked at every heartbeat. */
  started_at: string;
  /** The rebuild's last sign of life; a lease unrenewed for long belongs to a process that died. */
  beat_at: string;
}

/** Where a link to the original must stand: anywhere on the page, or near a reused passage. */
export const LINK_PLACEMENTS = ['anywhere', 'near-quote'] as const;
export type LinkPlacement = (typeof LINK_PLACEMENTS)[number];

/** The republication policy's rules (one row, id 1); the share of the original is site_settings.reuse_share_percent. */
export interface ReusePolicyTable {
  id: number;
  /** Largest share (percent) of the reusing page's own text that may be ours; null: no limit. */
  max_text_share_percent: number | null;
  /** 1: reuse needs a link to us. */
  link_required: number;
  /** 1: the link must lead to the original article itself (a home or section link does not count). */
  link_to_article: number;
  /** 1: the link must be one search engines follow (no rel nofollow, ugc or sponsored, no redirect masking). */
  link_indexable: number;
  link_placement: LinkPlacement;
  /** 1: reuse beyond the shares needs a licence (written permission); 0: anything may be republished with a compliant link. */
  full_needs_licence: number;
  updated_at: string;
}

/** A static page's workflow states: pages are not scheduled or reviewed (editors publish them). */
export const PAGE_STATUSES = ['draft', 'published', 'trashed'] as const;
export type PageStatus = (typeof PAGE_STATUSES)[number];

/** Where a page is linked from on every public page of its language. */
export const PAGE_MENUS = ['none', 'header', 'footer'] as const;
export type PageMenu = (typeof PAGE_MENUS)[number];

/** What made a page revision. */
export const PAGE_REVISION_KINDS = ['create', 'save', 'publish', 'restore'] as const;
export type PageRevisionKind = (typeof PAGE_REVISION_KINDS)[number];

/** A static page (migration 0020, domain/pages). */
export interface PagesTable {
  id: Generated<number>;
  /** BCP 47 code of the page's language (one of the site's). */
  language: string;
  /** The page it sits under (itself a root page), or null for a root page. */
  parent_id: number | null;
  slug: string;
  /** The address below the language prefix without the leading slash ('about/team'), derived from the parent's slug and this slug. */
  path: string;
  title: string;
  /** The body document (JSON text, the article body's schema: domain/articles/article-body.ts). */
  body: string;
  /** Derived at write time from the body: the Content API's and export's plain text. */
  plain_text: string;
  status: PageStatus;
  status_before_trash: PageStatus | null;
  menu: PageMenu;
  /** Position in its menu, lowest first. */
  menu_order: number;
  published_at: string | null;
  version: number;
  created_by: number | null;
  updated_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface PageRevisionsTable {
  id: Generated<number>;
  page_id: number;
  version: number;
  kind: PageRevisionKind;
  /** JSON snapshot of the editable fields at this version (domain/pages/page-revisions.ts). */
  snapshot: string;
  created_by: number | null;
  created_at: string;
}

/** What a WordPress or Ghost item became (migration 0021, domain/imports): a second run updates it. */
export interface ImportRecordsTable {
  id: Generated<number>;
  /** 'wordpress' or 'ghost'. */
  source: string;
  /** The old site's address (or the export's title when it names none): two sites' ids never meet. */
  site: string;
  /** 'article', 'page', 'section', 'tag', 'author' or 'media'. */
  kind: string;
  /** The item's key in the source: a post id, a term slug, an author login, an image URL, a Ghost id. */
  source_key: string;
  /** The id of the row it became in the table `kind` names. */
  target_id: number;
  created_at: string;
  updated_at: string;
}

/** An import started from the newsroom and run by the job queue. */
export interface ImportRunsTable {
  id: Generated<number>;
  source: string;
  /** The uploaded file's name, as the person chose it (a label only). */
  file_name: string;
  /** The spooled file under DATA_DIR/imports. */
  file_key: string;
  /** 'queued', 'running', 'done' or 'failed'. */
  status: string;
  /** JSON: the import options (dry run, media). */
  options: string;
  /** Items in the export and items handled so far: the progress bar. */
  total: number;
  done: number;
  /** JSON report when it ended (domain/imports/import-report.ts). */
  report: string | null;
  created_by: number | null;
  created_at: string;
  finished_at: string | null;
}

/** A review comment on an article (ADR 0037): a thread's opening comment, or a reply to one. */
export interface ArticleCommentsTable {
  id: Generated<number>;
  article_id: number;
  /** The thread's opening comment for a reply; null for an opening comment (one level of replies). */
  parent_id: number | null;
  /** Who wrote it; null once that user is deleted. */
  author_id: number | null;
  /** Plain text with @mentions as typed; never HTML. Emptied when the comment is deleted. */
  body: string;
  created_at: string;
  /** When its author last changed the text; null if never. */
  edited_at: string | null;
  /** When it was withdrawn; its place in the thread stays, its text does not. */
  deleted_at: string | null;
  /** When the thread was marked resolved (opening comments only); null while open (not offered yet). */
  resolved_at: string | null;
  resolved_by: number | null;
}

/** A user a comment mentions, resolved when the comment was written. */
export interface ArticleCommentMentionsTable {
  comment_id: number;
  user_id: number;
  /** The text that named them, as typed (with the @): what the highlight finds in the body. */
  mention_text: string;
}
