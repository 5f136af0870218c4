import { Column, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { Client } from './client.entity.js';
import { PracticeOwned } from '../practices/practice-owned.entity.js';

/** Clinical rows that belong to one client and go with the client's record. */
export abstract class ClientOwned extends PracticeOwned {
  @Column('uuid')
  clientId: string;

  @ManyToOne(() => Client, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'client_id' })
  client: Relation<Client>;
}
