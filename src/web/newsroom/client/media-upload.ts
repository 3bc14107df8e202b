import { ApiError, csrfToken, OfflineError } from './api-client.ts';
import type { MediaView } from './types.ts';

/** The library text sent with an upload. */
export type UploadText = { caption?: string; credit?: string; altText?: string };

/**
 * Uploads one image to the media library, reporting progress (0–1) as the bytes go out: an
 * XMLHttpRequest, because fetch cannot report upload progress. Rejects with ApiError for a
 * refusal (its message is the server's) and OfflineError when the connection fails.
 */
export function uploadMedia(file: File, text: UploadText = {}, onProgress?: (fraction: number) => void): Promise<MediaView> {
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
      if (request.status === 201 && data) resolve(data as MediaView);
      else reject(new ApiError(request.status, (data ?? {}) as ApiError['body']));
    });
    request.addEventListener('error', () => reject(new OfflineError('The upload failed: the connection was lost.')));
    request.send(body);
  });
}
