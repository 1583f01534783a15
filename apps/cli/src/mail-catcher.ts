import { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CaughtEmail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  receivedAt: Date;
}

/**
 * A local SMTP receiver that keeps what it accepts: the demo's inbox and the tests' real SMTP peer.
 * Plain SMTP on loopback only, so no TLS and no authentication.
 */
export class MailCatcher {
  readonly emails: CaughtEmail[] = [];
  /** Addresses refused at RCPT TO with 550, as a server does a mailbox that does not exist. */
  readonly refused = new Set<string>();
  private readonly listeners = new Set<(email: CaughtEmail) => void>();
  private readonly server: SMTPServer;

  private constructor() {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo: (address, _session, callback) => {
        if (!this.refused.has(address.address.toLowerCase())) return callback();
        callback(Object.assign(new Error('5.1.1 mailbox unavailable'), { responseCode: 550 }));
      },
      onData: (stream, session, callback) => {
        simpleParser(stream).then(
          (parsed) => {
            const email: CaughtEmail = {
              from: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address,
              to: session.envelope.rcptTo.map((recipient) => recipient.address),
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
              headers: Object.fromEntries([...parsed.headers].map(([name, value]) => [name, String(value)])),
              receivedAt: new Date(),
            };
            this.emails.push(email);
            for (const listener of this.listeners) listener(email);
            callback();
          },
          (error: Error) => callback(error),
        );
      },
    });
  }

  /** Starts listening on 127.0.0.1; port 0 picks a free one. */
  static async start(port = 0): Promise<MailCatcher> {
    const catcher = new MailCatcher();
    await new Promise<void>((resolve, reject) => {
      catcher.server.once('error', reject);
      catcher.server.listen(port, '127.0.0.1', () => resolve());
    });
    // A sender that dies mid-conversation (a killed notifier) resets its connection: that is the sender's
    // failure, and its message is simply not caught, so the receiver carries on.
    catcher.server.on('error', () => undefined);
    return catcher;
  }

  get port(): number {
    return ((this.server as unknown as { server: { address(): AddressInfo } }).server.address()).port;
  }

  onEmail(listener: (email: CaughtEmail) => void): void {
    this.listeners.add(listener);
  }

  /** Resolves with the first email (already caught or still to come) that matches. */
  waitFor(matches: (email: CaughtEmail) => boolean, timeoutMs: number): Promise<CaughtEmail> {
    const caught = this.emails.find(matches);
    if (caught) return Promise.resolve(caught);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        reject(new Error(`no matching email within ${timeoutMs} ms (${this.emails.length} caught)`));
      }, timeoutMs);
      const listener = (email: CaughtEmail) => {
        if (!matches(email)) return;
        clearTimeout(timer);
        this.listeners.delete(listener);
        resolve(email);
      };
      this.listeners.add(listener);
    });
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
