import { createSectionFixture } from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../../support/webhook-receiver.ts';
import { apiUser, type ApiUser } from './articles-client.ts';

export type ReceiverSetUp = {
  server: TestServer;
  receiver: WebhookReceiver;
  admin: ApiUser;
  sectionId: number;
  /** The environment the server runs with (its outbound allow-list names the receiver), for a second process on the same database. */
  env: Record<string, string>;
  done(): Promise<void>;
};

/** A loopback receiver, a server whose outbound allow-list names it, an admin, and a section to publish in. */
export async function startServerWithReceiver(): Promise<ReceiverSetUp> {
  const receiver = await startWebhookReceiver();
  const env = { OUTBOUND_ALLOW_HOSTS: `127.0.0.1:${receiver.port}` };
  const server = await startTestServer(env);
  const admin = await apiUser(server, 'admin');
  const sectionId = (await createSectionFixture(server.context)).id;
  return {
    server,
    receiver,
    admin,
    sectionId,
    env,
    async done() {
      await server.close();
      await receiver.close();
    },
  };
}
