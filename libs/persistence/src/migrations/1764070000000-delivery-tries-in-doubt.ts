import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A try is logged as `sending` before anything leaves and settled with its outcome after, so that a try cut
 * short by a crash shows as such: the next try settles it as `interrupted`. Two tries at once that both sent
 * log the second as `sent-again`, out of the unique key on `sent`.
 */
export class DeliveryTriesInDoubt1764070000000 implements MigrationInterface {
  name = 'DeliveryTriesInDoubt1764070000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE delivery_attempts DROP CONSTRAINT delivery_attempts_outcome_check`);
    await queryRunner.query(
      `ALTER TABLE delivery_attempts ADD CONSTRAINT delivery_attempts_outcome_check CHECK (outcome IN ('sending', 'sent', 'sent-again', 'failed', 'failed-permanently', 'held-for-digest', 'interrupted'))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // The older log has no word for a try in doubt, nor room for a second sent: both count as failed, with why.
    await queryRunner.query(`UPDATE delivery_attempts SET outcome = 'failed', detail = outcome || ': ' || detail WHERE outcome IN ('sending', 'interrupted', 'sent-again')`);
    await queryRunner.query(`ALTER TABLE delivery_attempts DROP CONSTRAINT delivery_attempts_outcome_check`);
    await queryRunner.query(`ALTER TABLE delivery_attempts ADD CONSTRAINT delivery_attempts_outcome_check CHECK (outcome IN ('sent', 'failed', 'failed-permanently', 'held-for-digest'))`);
  }
}
