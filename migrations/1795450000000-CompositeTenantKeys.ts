import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Ties each client-owned row's practice to its client's, and each therapist reference's practice
 * to the therapist's: composite foreign keys (client_id, practice_id) -> clients (id, practice_id)
 * and (therapist_id, practice_id) -> memberships (id, practice_id) replace the single-column ones,
 * so Postgres itself refuses a row that crosses practices. Same delete rules as before.
 */
export class CompositeTenantKeys1795450000000 implements MigrationInterface {
  name = 'CompositeTenantKeys1795450000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "invitations" DROP CONSTRAINT "invitations_client_id_fkey"`,
    );
    await queryRunner.query(
      `ALTER TABLE "module_assignments" DROP CONSTRAINT "module_assignments_client_id_fkey"`,
    );
    await queryRunner.query(
      `ALTER TABLE "reflections" DROP CONSTRAINT "reflections_client_id_fkey"`,
    );
    await queryRunner.query(`ALTER TABLE "screenings" DROP CONSTRAINT "screenings_client_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "alerts" DROP CONSTRAINT "alerts_client_id_fkey"`);
    await queryRunner.query(
      `ALTER TABLE "appointments" DROP CONSTRAINT "appointments_therapist_id_fkey"`,
    );
    await queryRunner.query(
      `ALTER TABLE "appointments" DROP CONSTRAINT "appointments_client_id_fkey"`,
    );
    await queryRunner.query(
      `ALTER TABLE "availability_rules" DROP CONSTRAINT "availability_rules_therapist_id_fkey"`,
    );
    await queryRunner.query(
      `ALTER TABLE "calendar_feeds" DROP CONSTRAINT "calendar_feeds_therapist_id_fkey"`,
    );
    await queryRunner.query(`ALTER TABLE "time_off" DROP CONSTRAINT "time_off_therapist_id_fkey"`);
    await queryRunner.query(
      `ALTER TABLE "memberships" ADD CONSTRAINT "memberships_id_practice_id_key" UNIQUE ("id", "practice_id")`,
    );
    await queryRunner.query(
      `ALTER TABLE "clients" ADD CONSTRAINT "clients_id_practice_id_key" UNIQUE ("id", "practice_id")`,
    );
    await queryRunner.query(
      `ALTER TABLE "invitations" ADD CONSTRAINT "invitations_client_fk" FOREIGN KEY ("client_id", "practice_id") REFERENCES "clients"("id","practice_id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "module_assignments" ADD CONSTRAINT "module_assignments_client_fk" FOREIGN KEY ("client_id", "practice_id") REFERENCES "clients"("id","practice_id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "reflections" ADD CONSTRAINT "reflections_client_fk" FOREIGN KEY ("client_id", "practice_id") REFERENCES "clients"("id","practice_id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "screenings" ADD CONSTRAINT "screenings_client_fk" FOREIGN KEY ("client_id", "practice_id") REFERENCES "clients"("id","practice_id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "alerts" ADD CONSTRAINT "alerts_client_fk" FOREIGN KEY ("client_id", "practice_id") REFERENCES "clients"("id","practice_id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "appointments" ADD CONSTRAINT "appointments_therapist_fk" FOREIGN KEY ("therapist_id", "practice_id") REFERENCES "memberships"("id","practice_id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "appointments" ADD CONSTRAINT "appointments_client_fk" FOREIGN KEY ("client_id", "practice_id") REFERENCES "clients"("id","practice_id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "availability_rules" ADD CONSTRAINT "availability_rules_therapist_fk" FOREIGN KEY ("therapist_id", "practice_id") REFERENCES "memberships"("id","practice_id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_therapist_fk" FOREIGN KEY ("therapist_id", "practice_id") REFERENCES "memberships"("id","practice_id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "time_off" ADD CONSTRAINT "time_off_therapist_fk" FOREIGN KEY ("therapist_id", "practice_id") REFERENCES "memberships"("id","practice_id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "time_off" DROP CONSTRAINT "time_off_therapist_fk"`);
    await queryRunner.query(
      `ALTER TABLE "calendar_feeds" DROP CONSTRAINT "calendar_feeds_therapist_fk"`,
    );
    await queryRunner.query(
      `ALTER TABLE "availability_rules" DROP CONSTRAINT "availability_rules_therapist_fk"`,
    );
    await queryRunner.query(`ALTER TABLE "appointments" DROP CONSTRAINT "appointments_client_fk"`);
    await queryRunner.query(
      `ALTER TABLE "appointments" DROP CONSTRAINT "appointments_therapist_fk"`,
    );
    await queryRunner.query(`ALTER TABLE "alerts" DROP CONSTRAINT "alerts_client_fk"`);
    await queryRunner.query(`ALTER TABLE "screenings" DROP CONSTRAINT "screenings_client_fk"`);
    await queryRunner.query(`ALTER TABLE "reflections" DROP CONSTRAINT "reflections_client_fk"`);
    await queryRunner.query(
      `ALTER TABLE "module_assignments" DROP CONSTRAINT "module_assignments_client_fk"`,
    );
    await queryRunner.query(`ALTER TABLE "invitations" DROP CONSTRAINT "invitations_client_fk"`);
    await queryRunner.query(`ALTER TABLE "clients" DROP CONSTRAINT "clients_id_practice_id_key"`);
    await queryRunner.query(
      `ALTER TABLE "memberships" DROP CONSTRAINT "memberships_id_practice_id_key"`,
    );
    await queryRunner.query(
      `ALTER TABLE "time_off" ADD CONSTRAINT "time_off_therapist_id_fkey" FOREIGN KEY ("therapist_id") REFERENCES "memberships"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_therapist_id_fkey" FOREIGN KEY ("therapist_id") REFERENCES "memberships"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "availability_rules" ADD CONSTRAINT "availability_rules_therapist_id_fkey" FOREIGN KEY ("therapist_id") REFERENCES "memberships"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "appointments" ADD CONSTRAINT "appointments_client_id_fkey" FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "appointments" ADD CONSTRAINT "appointments_therapist_id_fkey" FOREIGN KEY ("therapist_id") REFERENCES "memberships"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "alerts" ADD CONSTRAINT "alerts_client_id_fkey" FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "screenings" ADD CONSTRAINT "screenings_client_id_fkey" FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "reflections" ADD CONSTRAINT "reflections_client_id_fkey" FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "module_assignments" ADD CONSTRAINT "module_assignments_client_id_fkey" FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "invitations" ADD CONSTRAINT "invitations_client_id_fkey" FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }
}
