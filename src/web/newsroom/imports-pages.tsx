import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '#src/app-context.ts';
import { getImportRun, listImportRuns, startImportRun } from '#src/domain/imports/import-runs.ts';
import { IMPORT_SOURCES, type ImportSource } from '#src/domain/imports/run-import.ts';
import { enqueueImportRun } from '#src/jobs/import-jobs.ts';
import { signedInActor, type SignedInActor } from '#src/web/middleware/require-role.ts';
import { idParamsSchema } from '#src/web/route-params.ts';
import { formValues, type FieldErrors, type FormValues } from './views/form-field.tsx';
import { sendNewsroomPage } from './views/send-page.ts';
import { newsroomTranslator } from './newsroom-language.ts';
import { acceptExportUploads, uploadedFile } from './import-upload.ts';
import { ImportRunPage, ImportsPage } from './imports-views.tsx';

/**
 * The import pages (admins only): the upload form that queues an import as a job, the list of
 * imports, and each one's progress and report. Work without JavaScript: the form posts the file,
 * the run's page shows how far the job has got each time it is loaded.
 */
export async function registerImportsPages(app: FastifyInstance, context: AppContext): Promise<void> {
  const config = { minRole: 'admin' as const };
  const tmpDir = path.join(context.config.dataDir, 'tmp');

  const renderForm = async (request: FastifyRequest, reply: FastifyReply, actor: SignedInActor, values: FormValues, errors: FieldErrors, message?: string, status = 200) =>
    sendNewsroomPage(reply, <ImportsPage actor={actor} csrfToken={request.csrfToken} runs={await listImportRuns(context, actor)} state={{ values, errors, message }} />, status);

  app.get('/newsroom/imports', { config, schema: { hide: true } }, async (request, reply) => renderForm(request, reply, signedInActor(request), { source: 'wordpress', fetchMedia: 'on' }, {}));

  await app.register(async (scope) => {
    // Only this route takes files: the export is spooled to disk as the body is parsed.
    acceptExportUploads(scope, tmpDir);
    scope.post('/newsroom/imports', { config, schema: { hide: true } }, async (request, reply) => {
      const actor = signedInActor(request);
      const values = formValues(request.body);
      const file = uploadedFile(request.body);
      const { t } = newsroomTranslator(request);
      const errors: FieldErrors = {};
      if (!IMPORT_SOURCES.includes(values.source as ImportSource)) errors.source = t('imports.error.source');
      if (!file || file.byteSize === 0) errors.file = t('imports.error.file');
      if (Object.keys(errors).length > 0 || !file) return renderForm(request, reply, actor, { ...values, fetchMedia: values.fetchMedia ?? '' }, errors, t('imports.notStarted'), 422);
      const run = await startImportRun(
        context,
        actor,
        { source: values.source as ImportSource, fileName: file.name, spooledPath: file.path, options: { dryRun: values.dryRun === 'on', fetchMedia: values.fetchMedia === 'on' } },
        enqueueImportRun,
      );
      return reply.redirect(`/newsroom/imports/${run.id}`, 303);
    });
  });

  app.withTypeProvider<ZodTypeProvider>().get('/newsroom/imports/:id', { config, schema: { hide: true, params: idParamsSchema } }, async (request, reply) => {
    const actor = signedInActor(request);
    return sendNewsroomPage(reply, <ImportRunPage actor={actor} csrfToken={request.csrfToken} run={await getImportRun(context, actor, request.params.id)} />);
  });
}
