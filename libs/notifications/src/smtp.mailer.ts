import { OnApplicationShutdown } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import { Mailer } from '@pmo/application';
import type { EmailMessage } from '@pmo/application';
import type { SmtpConfig } from '@pmo/config';

/** Email over SMTP with nodemailer, pooled so that a burst of escalations reuses connections. */
export class SmtpMailer extends Mailer implements OnApplicationShutdown {
  private readonly transporter: Transporter;

  constructor(private readonly config: SmtpConfig) {
    super();
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

  async send(message: EmailMessage): Promise<{ messageId: string }> {
    const info = await this.transporter.sendMail({ from: this.config.from, ...message });
    return { messageId: info.messageId };
  }

  onApplicationShutdown(): void {
    this.transporter.close();
  }
}
