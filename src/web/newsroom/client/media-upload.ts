import { ApiError, csrfToken, OfflineError } from './api-client.ts';
import type { MediaView } from './types.ts';

/** The library text sent with an upload. */
export type UploadText = { caption?: string; credit?: string; altText?: string };

/** The server's answer: the new image, or the same file already in the library with the text sent (not stored). */
export type UploadAnswer = MediaView & { alreadyInLibrary: boolean; submitted?: Required<UploadText> };

/**
 * Uploads one image to the media library, reporting progress (0–1) as the bytes go out: an
 * XMLHttpRequest, because fetch cannot report upload progress. Rejects with ApiError for a
 * refusal (its message is the server's) and OfflineError when the connection fails.
 */
export function uploadMedia(file: File, text: UploadText = {}, onProgress?: (fraction: number) => void): Promise<UploadAnswer> {
  // Text fields first: multipart parsers read fields that come before the file.
  const body = new FormData();
  for (const [key, value] of Object.entries(text)) if (value !== undefined) body.append(key, value);
  body.append('file', file, file.name);
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', '/api/admin/media');
    request.setRequestHeader('x-csrf-token', csrfToken());
    request.setRequestHeader('accept', 'application/json');
    request.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable && onProgress) onProgress(event.loaded / event.total);
    });
    request.addEventListener('load', () => {
      let data: unknown = null;
      try {
        data = JSON.parse(request.responseText);
      } catch {
        data = null;
      }
      // 201: added; 200: the same file was already in the library (see UploadAnswer).
      if ((request.status === 201 || request.status === 200) && data) resolve(data as UploadAnswer);
      else reject(new ApiError(request.status, (data ?? {}) as ApiError['body']));
    });
    request.addEventListener('error', () => reject(new OfflineError('The upload failed: the connection was lost.')));
    request.send(body);
  });
}
