import type { INestApplication } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { hashPassword } from '../auth/passwords.js';
import { User } from '../auth/user.entity.js';
import { Client } from '../clients/client.entity.js';
import { Membership } from '../members/membership.entity.js';
import { Practice } from '../practices/practice.entity.js';
import { PracticesService } from '../practices/practices.service.js';

export const DEMO_PASSWORD = 'attune-demo-2026';

export const DEMO_ACCOUNTS = [
  { role: 'admin', email: 'admin@example.com', name: 'Ada Morgan' },
  { role: 'therapist', email: 'theo@example.com', name: 'Theo Rivera' },
  { role: 'therapist', email: 'maya@example.com', name: 'Maya Chen' },
  { role: 'client', email: 'sam@example.com', name: 'Sam Lee', therapist: 'theo@example.com' },
  {
    role: 'client',
    email: 'jordan@example.com',
    name: 'Jordan Park',
    therapist: 'theo@example.com',
  },
  { role: 'client', email: 'riley@example.com', name: 'Riley Diaz', therapist: 'maya@example.com' },
] as const;

/** Seeds the demo practice once, when the database has no practice yet. Returns whether it did. */
export async function seedDemo(app: INestApplication): Promise<boolean> {
  const ds = app.get<DataSource>(getDataSourceToken());
  if ((await ds.manager.count(Practice)) > 0) return false;
  const practices = app.get(PracticesService);
  await ds.transaction(async (m) => {
    const admin = DEMO_ACCOUNTS[0];
    const { practice } = await practices.createWithAdmin(
      {
        practiceName: 'Harbor Light Counseling',
        timeZone: 'America/New_York',
        adminEmail: admin.email,
        adminDisplayName: admin.name,
        adminPassword: DEMO_PASSWORD,
      },
      null,
      m,
    );
    practice.crisisText =
      'Harbor Light after-hours line: (555) 010-0199. Leave a message and the on-call therapist will call you back ' +
      'within the hour. If you are in danger right now, call 911.';
    await m.save(practice);
    const hash = await hashPassword(DEMO_PASSWORD);
    const therapists = new Map<string, string>();
    for (const a of DEMO_ACCOUNTS) {
      if (a.role === 'admin') continue;
      const user = await m.save(
        m.create(User, { email: a.email, displayName: a.name, passwordHash: hash }),
      );
      if (a.role === 'therapist') {
        const member = await m.save(
          m.create(Membership, { practiceId: practice.id, userId: user.id, roles: ['therapist'] }),
        );
        therapists.set(a.email, member.id);
        // Weekday working hours so the calendar has free slots to book.
        for (const weekday of [1, 2, 3, 4, 5])
          await m.query(
            `INSERT INTO availability_rules (practice_id, therapist_id, time_zone, weekday, start_time, end_time)
             VALUES ($1, $2, 'America/New_York', $3, '09:00', '17:00')`,
            [practice.id, member.id, weekday],
          );
      } else {
        const [first, last] = a.name.split(' ');
        await m.save(
          m.create(Client, {
            practiceId: practice.id,
            userId: user.id,
            firstName: first!,
            lastName: last!,
            email: a.email,
            timeZone: 'America/New_York',
            primaryTherapistId: therapists.get(a.therapist)!,
          }),
        );
      }
    }
  });
  return true;
}
