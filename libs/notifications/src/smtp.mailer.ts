import { createTransport, Transporter } from 'nodemailer';
import type { EmailMessage } from '@pmo/application';
import type { SmtpConfig } from '@pmo/config';

/** Email over SMTP with nodemailer, pooled so that a burst of escalations reuses connections. */
export class SmtpMailer {
  private readonly transporter: Transporter;

  constructor(private readonly config: SmtpConfig) {
    this.transporter = createTransport({
      host: config.host,
      port: config.port,
      secure: config.secure,
      pool: true,
      maxConnections: 5,
      connectionTimeout: 10_000,
      socketTimeout: 30_000,
      ...(config.auth ? { auth: config.auth } : {}),
    });
  }

  async send(message: EmailMessage & { messageId?: string }): Promise<{ messageId: string }> {
    const info = await this.transporter.sendMail({ from: this.config.from, ...message });
    return { messageId: info.messageId };
  }

  close(): void {
    this.transporter.close();
  }
}
