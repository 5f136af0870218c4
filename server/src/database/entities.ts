import { AuditEvent } from '../audit/audit-event.entity.js';
import { AuthSession } from '../auth/auth-session.entity.js';
import { User } from '../auth/user.entity.js';
import { Client } from '../clients/client.entity.js';
import { Invitation } from '../invitations/invitation.entity.js';
import { Membership } from '../members/membership.entity.js';
import { Practice } from '../practices/practice.entity.js';

export const ENTITIES = [Practice, User, Membership, Client, AuthSession, Invitation, AuditEvent];
