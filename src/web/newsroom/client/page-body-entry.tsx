import { render } from 'preact';
import { PageBodyApp } from './page-body-app.tsx';
import { readBootData } from './boot-data.ts';
import { rememberMedia } from './media-store.ts';
import type { PageBodyBootData } from './types.ts';

// The static page form's body: the article editor's TipTap editor and toolbar, writing the document into the form's hidden field.
const root = document.getElementById('page-body-editor');
const field = document.getElementById('f-body');
if (root && field instanceof HTMLInputElement) {
  const boot = readBootData<PageBodyBootData>('page-body-data');
  rememberMedia(boot.media);
  root.textContent = '';
  render(<PageBodyApp boot={boot} field={field} />, root);
}
