import { hydrate } from 'preact';
import { readBootData } from './boot-data.ts';
import { MediaLibrary } from './media-library.tsx';
import type { MediaLibraryBoot } from './media-library-boot.ts';

// The server rendered the same component in its loading state; hydrating attaches the handlers and loads the list.
const root = document.getElementById('media-library-root');
if (root) hydrate(<MediaLibrary boot={readBootData<MediaLibraryBoot>('media-library-data')} />, root);
