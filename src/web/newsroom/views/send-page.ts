import type { FastifyReply } from 'fastify';
import type { VNode } from 'preact';
import { renderDocument } from '#src/render/html-document.ts';

/** Sends a newsroom page: never cached (it shows private data and a per-session token). */
export function sendNewsroomPage(reply: FastifyReply, page: VNode, status = 200): FastifyReply {
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(renderDocument(page));
}
