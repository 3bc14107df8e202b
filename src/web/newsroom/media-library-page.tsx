import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '#src/app-context.ts';
import { ACCEPTED_MIME_TYPES, MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS } from '#src/domain/media/image-inspection.ts';
import { MEDIA_TEXT_LIMITS } from '#src/domain/media/media-schema.ts';
import { textField } from '#src/lib/text-input.ts';
import { signedInActor } from '#src/web/middleware/require-role.ts';
import { MEDIA_LIBRARY_MESSAGE_PREFIXES } from './client/island-i18n.ts';
import { MediaLibrary } from './client/media-library.tsx';
import type { MediaLibraryBoot } from './client/media-library-boot.ts';
import { IslandData } from './island-data.tsx';
import { newsroomTranslator } from './newsroom-language.ts';
import { useNewsroomT } from './views/newsroom-i18n.ts';
import { NewsroomLayout } from './views/newsroom-layout.tsx';
import { sendNewsroomPage } from './views/send-page.ts';
import { MEDIA_PAGE_SIZE } from '#src/domain/media/media-repository.ts';
import { mediaLibraryAssetUrls } from './island-assets.ts';

/**
 * The media library page: the island (client/media-library.tsx, bundled by Vite as
 * newsroom-media-library.js) rendered here in its loading state, then hydrated in the browser,
 * where it lists, uploads and edits through /api/admin/media.
 */
function MediaLibraryPage({ boot }: { boot: MediaLibraryBoot }) {
  const { t } = useNewsroomT();
  return (
    <>
      <div class="nr-page-head">
        <h1>{t('media.title')}</h1>
      </div>
      <div id="media-library-root">
        <MediaLibrary boot={boot} />
      </div>
      <IslandData id="media-library-data" data={boot} />
    </>
  );
}

/** Registers GET /newsroom/media. */
export async function registerMediaLibraryPage(app: FastifyInstance, _context: AppContext): Promise<void> {
  const assets = mediaLibraryAssetUrls();
  app.withTypeProvider<ZodTypeProvider>().get(
    '/newsroom/media',
    {
      schema: { hide: true, querystring: z.object({ q: textField().max(200).optional() }) },
    },
    async (request, reply) => {
      const translator = newsroomTranslator(request);
      const boot: MediaLibraryBoot = {
        q: request.query.q ?? '',
        acceptedTypes: [...ACCEPTED_MIME_TYPES],
        maxMegabytes: MAX_IMAGE_BYTES / 1024 / 1024,
        maxMegapixels: MAX_IMAGE_PIXELS / 1_000_000,
        limits: MEDIA_TEXT_LIMITS,
        pageSize: MEDIA_PAGE_SIZE,
        i18n: translator.islandMessages(MEDIA_LIBRARY_MESSAGE_PREFIXES),
      };
      return sendNewsroomPage(
        reply,
        <NewsroomLayout
          title={translator.t('media.title')}
          actor={signedInActor(request)}
          csrfToken={request.csrfToken}
          active="media"
          scripts={[assets.script]}
          styles={[assets.styles]}
        >
          <MediaLibraryPage boot={boot} />
        </NewsroomLayout>,
      );
    },
  );
}
