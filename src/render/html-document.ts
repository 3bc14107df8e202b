import { renderToString } from 'preact-render-to-string';
import type { VNode } from 'preact';

/** A whole HTML page from a component tree: the doctype plus escaped markup (Preact escapes all text). */
export function renderDocument(page: VNode): string {
  return `<!DOCTYPE html>${renderToString(page)}`;
}
