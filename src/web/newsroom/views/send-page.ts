import type { FastifyReply } from 'fastify';
import { h, type VNode } from 'preact';
import { renderDocument } from '#src/render/html-document.ts';
import { newsroomTranslator } from '../newsroom-language.ts';
import { NewsroomI18n } from './newsroom-i18n.ts';
import { UnreadNotifications } from './notification-bell.tsx';

/**
 * Sends a newsroom page in the request's newsroom language (its components read the translator
 * with useNewsroomT(), the bell its unread count): never cached (it shows private data and a per-session token).
 */
export function sendNewsroomPage(reply: FastifyReply, page: VNode, status = 200): FastifyReply {
  const translator = newsroomTranslator(reply.request);
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .header('content-language', translator.language.code)
    .type('text/html; charset=utf-8')
    .send(renderDocument(h(NewsroomI18n.Provider, { value: translator }, h(UnreadNotifications.Provider, { value: reply.request.unreadNotifications }, page)) as VNode));
}
