import net from 'node:net';

/** A local mail server for tests, on loopback: what the app's mailer sends to SMTP_URL arrives here. */
export type SmtpCatcher = {
  port: number;
  /** The next message received (its headers and body as sent), waiting for it if none is there yet. */
  nextMessage(): Promise<string>;
  /** Every message received and not yet taken (a message is received once the server has answered its DATA). */
  takeAll(): string[];
  close(): Promise<void>;
};

/** A message's headers, and its body with quoted-printable soft line breaks and escapes undone (UTF-8). */
export function readMessage(message: string): { headers: string; body: string } {
  const split = message.indexOf('\n\n');
  const headers = message.slice(0, split).replace(/\n[ \t]+/g, ' ');
  const raw = message.slice(split + 2);
  const quotedPrintable = /^Content-Transfer-Encoding: quoted-printable/im.test(headers);
  const body = quotedPrintable
    ? Buffer.from(raw.replace(/=\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8')
    : raw;
  return { headers, body };
}

/** A minimal SMTP server (RFC 5321 happy path, no TLS) that hands each received message to the test. */
export function startSmtpServer(): Promise<SmtpCatcher> {
  const waiting: Array<(message: string) => void> = [];
  const received: string[] = [];
  const deliver = (message: string) => {
    const waiter = waiting.shift();
    if (waiter) waiter(message);
    else received.push(message);
  };
  const server = net.createServer((socket) => {
    let buffer = '';
    let inData = false;
    let data = '';
    socket.write('220 test.local ESMTP\r\n');
    socket.on('data', (chunk) => {
      buffer += String(chunk);
      let index: number;
      while ((index = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, index);
        buffer = buffer.slice(index + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            deliver(data);
            data = '';
            socket.write('250 queued\r\n');
          } else data += `${line}\n`;
        } else if (/^(EHLO|HELO)/i.test(line)) socket.write('250 test.local\r\n');
        else if (/^DATA/i.test(line)) {
          inData = true;
          socket.write('354 go ahead\r\n');
        } else if (/^QUIT/i.test(line)) socket.end('221 bye\r\n');
        else socket.write('250 OK\r\n');
      }
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve({
        port: (server.address() as net.AddressInfo).port,
        nextMessage: () => (received.length ? Promise.resolve(received.shift()!) : new Promise((r) => waiting.push(r))),
        takeAll: () => received.splice(0),
        close: () => new Promise((r) => server.close(() => r())),
      });
    });
  });
}
