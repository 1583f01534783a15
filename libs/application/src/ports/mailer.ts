export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Lets receiving systems and our own logs tie the message to its cause. */
  headers: Record<string, string>;
}

export abstract class Mailer {
  abstract send(message: EmailMessage): Promise<{ messageId: string }>;
}
