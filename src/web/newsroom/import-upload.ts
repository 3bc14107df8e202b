import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import { Busboy, type BusboyHeaders, type BusboyInstance } from '@fastify/busboy';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Invalid } from '#src/lib/errors.ts';
import { PRIVATE_FILE_MODE, PRIVATE_FOLDER_MODE } from '#src/lib/private-files.ts';

/** Largest export accepted from the newsroom (bytes): the CLI takes any size, streamed. */
export const MAX_EXPORT_UPLOAD_BYTES = 1024 * 1024 * 1024;

/** The import form as parsed: its text fields (the CSRF token among them) and the export spooled to disk. */
export type ExportUpload = { fields: Record<string, string>; file: { path: string; name: string; byteSize: number } | null };

/**
 * Reads a multipart import form as its body is parsed, before any hook sees it: the fields into
 * the body (so the CSRF check reads `_csrf` there, as for every newsroom form) and the one file
 * streamed to a private file under `tmpDir`, never held in memory. A request refused later (CSRF,
 * a bad field) has its file removed by the onSend hook below.
 */
function readExportUpload(stream: Readable, headers: IncomingHttpHeaders, tmpDir: string): Promise<ExportUpload> {
  return new Promise((resolve, reject) => {
    const upload: ExportUpload = { fields: {}, file: null };
    const writes: Array<Promise<void>> = [];
    let failure: Error | null = null;
    let parser: BusboyInstance;
    try {
      parser = new Busboy({ headers: headers as BusboyHeaders, limits: { fileSize: MAX_EXPORT_UPLOAD_BYTES, files: 1, fields: 10, fieldSize: 4096 } });
    } catch {
      return reject(new Invalid('file', 'Send the form as multipart/form-data.'));
    }
    parser.on('field', (name: string, value: string) => {
      upload.fields[name] = value;
    });
    parser.on('file', (fieldName: string, file: Readable & { truncated?: boolean }, fileName: string) => {
      if (fieldName !== 'file' || upload.file) {
        file.resume();
        return;
      }
      const target = path.join(tmpDir, `import-${randomUUID()}`);
      const spooled = { path: target, name: fileName || 'export', byteSize: 0 };
      upload.file = spooled;
      // Piped at once (the folder exists already): a stream left unread for a tick would lose nothing, but one read twice would.
      const out = fs.createWriteStream(target, { mode: PRIVATE_FILE_MODE });
      writes.push(
        pipeline(file, out).then(() => {
          spooled.byteSize = out.bytesWritten;
          if (file.truncated) failure = new Invalid('file', `The export is larger than ${MAX_EXPORT_UPLOAD_BYTES / 1024 / 1024} MB; import it with qalam import on the server.`);
        }),
      );
    });
    parser.on('error', (error: Error) => reject(new Invalid('file', `The upload could not be read: ${error.message}`)));
    parser.on('finish', () => {
      Promise.all(writes).then(
        () => (failure ? reject(failure) : resolve(upload)),
        (error: unknown) => reject(error),
      );
    });
    stream.pipe(parser);
  });
}

/**
 * Lets routes in `scope` take the import form: multipart bodies become an ExportUpload. Exists only
 * in that scope (no other newsroom route accepts files); the spooled file of a request that did not
 * hand it on (refused, or failed) is removed before the response is sent.
 */
export function acceptExportUploads(scope: FastifyInstance, tmpDir: string): void {
  scope.addContentTypeParser('multipart/form-data', async (request: FastifyRequest, payload: Readable) => {
    await fs.promises.mkdir(tmpDir, { recursive: true, mode: PRIVATE_FOLDER_MODE });
    const upload = await readExportUpload(payload, request.headers, tmpDir);
    // The CSRF check and formValues read fields from the body, as from any form.
    return { ...upload.fields, [UPLOAD_KEY]: upload.file };
  });
  // Before the answer leaves (a refusal's too): a spooled file the handler did not move is gone by then.
  scope.addHook('onSend', async (request) => {
    const file = uploadedFile(request.body);
    if (file) await fs.promises.rm(file.path, { force: true });
  });
}

/** The body key the spooled file sits under (not a form field name a browser can send: it has a space). */
const UPLOAD_KEY = 'uploaded file';

/** The spooled export of a parsed import form, if one came. */
export function uploadedFile(body: unknown): ExportUpload['file'] {
  if (!body || typeof body !== 'object') return null;
  return ((body as Record<string, unknown>)[UPLOAD_KEY] as ExportUpload['file']) ?? null;
}
