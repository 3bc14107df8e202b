import type { Config } from '#src/config/config.ts';
import { createLocalMediaStore } from './local-media-store.ts';
import type { MediaStore } from './media-store.ts';
import { createS3MediaStore } from './s3-media-store.ts';

const stores = new WeakMap<Config, MediaStore>();

/** The media store the configuration names, made once per configuration (an S3 client keeps its connections). */
export function mediaStoreOf(config: Pick<Config, 'mediaStore'> & object): MediaStore {
  const key = config as Config;
  let store = stores.get(key);
  if (!store) {
    store = config.mediaStore.kind === 'local' ? createLocalMediaStore(config.mediaStore.dir) : createS3MediaStore(config.mediaStore);
    stores.set(key, store);
  }
  return store;
}
