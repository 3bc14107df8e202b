import { render } from 'preact';
import { EditorApp } from './editor-app.tsx';
import { readBootData } from './boot-data.ts';
import { rememberMedia } from './media-store.ts';
import type { EditorBootData } from './types.ts';

const root = document.getElementById('editor-root');
if (root) {
  const boot = readBootData<EditorBootData>('editor-data');
  // Before anything renders: the lead image and the figures find their images here, without asking the API.
  rememberMedia(boot.media);
  root.textContent = '';
  render(<EditorApp boot={boot} />, root);
}
