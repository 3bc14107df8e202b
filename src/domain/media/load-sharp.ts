import type Sharp from 'sharp';

let loading: Promise<typeof Sharp> | undefined;

/**
 * sharp, loaded at its first use rather than at start: libvips and its libraries are about 19 MB of
 * a process's resident memory, and most serving workers never touch an image (reader pages only
 * link to variants made at upload).
 */
export function loadSharp(): Promise<typeof Sharp> {
  return (loading ??= import('sharp').then((module) => module.default));
}
