import type { Kysely } from 'kysely';
import type { MigrationContext } from '../migrator.ts';

/**
 * Licences to republish (issue 10, part 4). A partner is an organisation with a contact, the host
 * names it publishes under (one row each in partner_domains, unique across partners, so a page's
 * host names at most one partner) and optionally the API key its syndication feed is read with.
 * A licence request names one article; from the public form it carries the asker's organisation,
 * contact and domain, so a request can come before its partner exists. An approval makes a licence:
 * one article, one section (with its subsections) or everything, until an expiry instant; a
 * revocation ends it early. Nothing is ever deleted but with its partner: requests and licences
 * are the record of what was allowed and when.
 */
export async function up(db: Kysely<unknown>, { id, timestamp }: MigrationContext): Promise<void> {
  await db.schema
    .createTable('partners')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('organisation', 'text', (c) => c.notNull())
    .addColumn('contact_name', 'text', (c) => c.notNull())
    .addColumn('contact_email', 'text', (c) => c.notNull())
    .addColumn('api_key_id', 'integer', (c) => c.unique().references('api_keys.id').onDelete('set null'))
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('partner_domains')
    .addColumn('domain', 'text', (c) => c.primaryKey())
    .addColumn('partner_id', 'integer', (c) => c.notNull().references('partners.id').onDelete('cascade'))
    .execute();
  await db.schema.createIndex('partner_domains_partner_idx').on('partner_domains').columns(['partner_id', 'domain']).execute();

  await db.schema
    .createTable('licence_requests')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('partner_id', 'integer', (c) => c.references('partners.id').onDelete('set null'))
    .addColumn('organisation', 'text', (c) => c.notNull())
    .addColumn('contact_name', 'text', (c) => c.notNull())
    .addColumn('contact_email', 'text', (c) => c.notNull())
    .addColumn('domain', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('decision_note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('decided_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('decided_at', timestamp)
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .execute();
  // The queue: a status's requests, oldest first.
  await db.schema.createIndex('licence_requests_status_idx').on('licence_requests').columns(['status', 'id']).execute();

  await db.schema
    .createTable('licences')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('partner_id', 'integer', (c) => c.notNull().references('partners.id').onDelete('cascade'))
    .addColumn('request_id', 'integer', (c) => c.unique().references('licence_requests.id').onDelete('set null'))
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('article_id', 'integer', (c) => c.references('articles.id').onDelete('cascade'))
    .addColumn('section_id', 'integer', (c) => c.references('sections.id').onDelete('cascade'))
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('starts_at', timestamp, (c) => c.notNull())
    .addColumn('expires_at', timestamp, (c) => c.notNull())
    .addColumn('revoked_at', timestamp)
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .execute();
  // A partner's licences: what the checker and the syndication feed ask first.
  await db.schema.createIndex('licences_partner_idx').on('licences').columns(['partner_id', 'expires_at']).execute();
}
