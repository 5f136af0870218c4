import { Column } from 'typeorm';
import { PracticeOwned } from '../practices/practice-owned.entity.js';

/**
 * Clinical rows that belong to one client and go with the client's record. Each table declares
 * a composite foreign key (client_id, practice_id) -> clients (id, practice_id), so Postgres
 * refuses a row whose practice is not its client's.
 */
export abstract class ClientOwned extends PracticeOwned {
  @Column('uuid')
  clientId: string;
}
