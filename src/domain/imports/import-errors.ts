import { Invalid } from '#src/lib/errors.ts';

/**
 * An export refused before anything was written: not WXR or a Ghost export, malformed, or built
 * to hurt the reader (a DOCTYPE with entities). An Invalid on the field 'file', so the newsroom
 * answers it as a 400 naming the upload; the CLI prints it and exits 2.
 */
export class ImportRefused extends Invalid {
  constructor(message: string) {
    super('file', message);
  }
}
