import { Logger } from '@nestjs/common';

/** Pauses between tries of a write that follows a sent message: a little over two minutes in all. */
const PAUSES_MS = [250, 500, 1_000, 2_000, 4_000, 8_000, 15_000, 15_000, 15_000, 15_000, 15_000, 15_000, 15_000];

const logger = new Logger('AfterSending');

/**
 * A write that records a message already sent (the delivery log's `sent`, the message marked sent), tried
 * again through a database outage rather than failed: a failed delivery job is retried, and would send the
 * message a second time. Only a notifier that dies in between still sends it again (under the same Message-ID).
 */
export async function writtenAfterSending<T>(what: string, write: () => Promise<T>, pauses: readonly number[] = PAUSES_MS): Promise<T> {
  for (const pause of pauses) {
    try {
      return await write();
    } catch (error) {
      logger.warn(`${what}: sent, not yet recorded (${(error as Error).message}); trying again in ${pause} ms`);
      await new Promise((wait) => setTimeout(wait, pause));
    }
  }
  return write();
}
