import { render } from 'preact';
import { EditorApp } from './editor-app.tsx';
import { readBootData } from './boot-data.ts';
import type { EditorBootData } from './types.ts';

const root = document.getElementById('editor-root');
if (root) {
  root.textContent = '';
  render(<EditorApp boot={readBootData<EditorBootData>('editor-data')} />, root);
}
