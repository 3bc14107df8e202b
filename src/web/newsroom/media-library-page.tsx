import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '#src/app-context.ts';
import { ACCEPTED_MIME_TYPES, MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS } from '#src/domain/media/image-inspection.ts';
import { MEDIA_TEXT_LIMITS } from '#src/domain/media/media-service.ts';
import { renderDocument } from '#src/render/html-document.ts';
import { requireRole } from '#src/web/middleware/require-role.ts';
import { NewsroomLayout } from './views/newsroom-layout.tsx';

/**
 * The media library page. The server renders the frame (upload zone, search form, an item
 * template); public/newsroom/media-library.js lists, uploads and edits through /api/admin/media.
 */
function MediaLibraryPage({ q }: { q: string }) {
  return (
    <>
      <div class="nr-page-head">
        <h1>Media library</h1>
      </div>
      <section class="nr-card ml-upload" aria-labelledby="ml-upload-title">
        <h2 id="ml-upload-title" class="ml-upload__title">
          Upload images
        </h2>
        <div class="ml-drop" data-drop-zone>
          <p class="ml-drop__text">Drag images here, or</p>
          <label class="nr-button" for="ml-file">
            Choose files…
          </label>
          <input
            id="ml-file"
            class="ml-drop__input"
            type="file"
            name="file"
            multiple
            accept={ACCEPTED_MIME_TYPES.join(',')}
            aria-describedby="ml-upload-hint"
          />
          <p id="ml-upload-hint" class="nr-hint nr-small">
            JPEG, PNG, WebP, AVIF or GIF; up to {MAX_IMAGE_BYTES / 1024 / 1024} MB and {MAX_IMAGE_PIXELS / 1_000_000} megapixels.
            SVG is not accepted. Add alt text to every image: an article cannot be published while one of its images lacks it.
          </p>
        </div>
        <ul class="ml-uploads" data-upload-list aria-live="polite"></ul>
      </section>

      <form class="ml-search" role="search" method="get" action="/newsroom/media" data-search-form>
        <label for="ml-q" class="nr-label">
          Search images
        </label>
        <input id="ml-q" class="nr-input" type="search" name="q" value={q} placeholder="Caption, credit, alt text or file name" />
        <button type="submit" class="nr-button nr-button--quiet">
          Search
        </button>
      </form>
      <p class="nr-muted nr-small" data-status aria-live="polite">
        Loading images…
      </p>
      <ul class="ml-grid" data-grid></ul>
      <nav class="nr-pager" aria-label="Pages" data-pager hidden>
        <button type="button" class="nr-button nr-button--quiet nr-button--small" data-page="prev">
          Previous
        </button>
        <span data-page-label></span>
        <button type="button" class="nr-button nr-button--quiet nr-button--small" data-page="next">
          Next
        </button>
      </nav>

      <template id="ml-item-template">
        <li class="ml-item">
          <img class="ml-item__image" alt="" loading="lazy" decoding="async" />
          <p class="ml-item__facts nr-small nr-muted"></p>
          <p class="ml-item__warning nr-small" hidden>
            Alt text missing: articles using this image cannot be published until it is added.
          </p>
          <form class="nr-form ml-item__form">
            <div class="nr-field">
              <label data-for="altText">Alt text (describes the image for people who cannot see it)</label>
              <textarea name="altText" rows={2} maxlength={MEDIA_TEXT_LIMITS.altText}></textarea>
            </div>
            <div class="nr-field">
              <label data-for="caption">Caption</label>
              <textarea name="caption" rows={2} maxlength={MEDIA_TEXT_LIMITS.caption}></textarea>
            </div>
            <div class="nr-field">
              <label data-for="credit">Credit</label>
              <input type="text" name="credit" maxlength={MEDIA_TEXT_LIMITS.credit} />
            </div>
            <div class="nr-actions">
              <button type="submit" class="nr-button nr-button--small">
                Save
              </button>
              <button type="button" class="nr-button nr-button--quiet nr-button--small" data-usage>
                Where used
              </button>
              <span class="nr-small ml-item__saved" role="status"></span>
            </div>
          </form>
          <div class="ml-item__usage nr-small" hidden></div>
        </li>
      </template>
    </>
  );
}

/** Registers GET /newsroom/media. */
export async function registerMediaLibraryPage(app: FastifyInstance, _context: AppContext): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/newsroom/media',
    {
      schema: { hide: true, querystring: z.object({ q: z.string().max(200).optional() }) },
      config: { minRole: 'contributor' },
    },
    async (request, reply) => {
      const actor = requireRole(request, 'contributor');
      const html = renderDocument(
        <NewsroomLayout
          title="Media library"
          actor={actor}
          csrfToken={request.csrfToken}
          active="media"
          scripts={['/assets/newsroom/media-library.js']}
          styles={['/assets/newsroom/media-library.css']}
        >
          <MediaLibraryPage q={request.query.q ?? ''} />
        </NewsroomLayout>,
      );
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
    },
  );
}
