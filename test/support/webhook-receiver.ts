import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

/** One delivery as a receiver saw it. */
export type ReceivedWebhook = {
  path: string;
  headers: Record<string, string>;
  body: string;
  /** The parsed payload when the signature verified with the path's secret; otherwise the verification error. */
  verified: unknown;
  verifyError: Error | null;
  /** The status it was answered with. */
  answeredWith: number;
};

/** A webhook receiver on 127.0.0.1 that verifies Standard Webhooks signatures, as a partner's would. */
export type WebhookReceiver = {
  port: number;
  /** http://127.0.0.1:PORT */
  origin: string;
  received: ReceivedWebhook[];
  /** The signing secret of each path (the endpoint's), for verification. */
  secrets: Map<string, string>;
  /** Statuses to answer with, first to last; once used up, `fallback`. */
  answers: number[];
  fallback: number;
  /** Resolves with the next delivery to arrive. */
  next(): Promise<ReceivedWebhook>;
  close(): Promise<void>;
};

/** Starts a receiver on a free loopback port; it answers 204 unless told otherwise. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const waiting: Array<(delivery: ReceivedWebhook) => void> = [];
  const receiver: Omit<WebhookReceiver, 'port' | 'origin' | 'close'> = {
    received: [],
    secrets: new Map(),
    answers: [],
    fallback: 204,
    next: () => new Promise((resolve) => waiting.push(resolve)),
  };
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, String(value)]));
      const path = request.url ?? '/';
      let verified: unknown = undefined;
      let verifyError: Error | null = null;
      try {
        const secret = receiver.secrets.get(path);
        if (!secret) throw new Error(`no secret for ${path}`);
        verified = new Webhook(secret).verify(body, headers);
      } catch (error) {
        verifyError = error as Error;
      }
      const answeredWith = receiver.answers.shift() ?? receiver.fallback;
      const delivery = { path, headers, body, verified, verifyError, answeredWith };
      receiver.received.push(delivery);
      response.writeHead(answeredWith).end();
      for (const resolve of waiting.splice(0)) resolve(delivery);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return Object.assign(receiver, {
    port,
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
