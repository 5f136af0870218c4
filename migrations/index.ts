import { Extensions1795400000000 } from './1795400000000-Extensions.js';
import { Foundation1795400257542 } from './1795400257542-Foundation.js';
import { Screening1795401502034 } from './1795401502034-Screening.js';
import { Scheduling1795402733127 } from './1795402733127-Scheduling.js';
import { Psychoeducation1795402394442 } from './1795402394442-Psychoeducation.js';
import { SafetyAlerts1795410000000 } from './1795410000000-SafetyAlerts.js';
import { PerimeterHardening1795435000000 } from './1795435000000-PerimeterHardening.js';
import { CompositeTenantKeys1795450000000 } from './1795450000000-CompositeTenantKeys.js';
import { HotPathIndexes1795470000000 } from './1795470000000-HotPathIndexes.js';
import { AccountSecurity1795480000000 } from './1795480000000-AccountSecurity.js';
import { RecordRetention1795485000000 } from './1795485000000-RecordRetention.js';
import { GentleReminders1795490000000 } from './1795490000000-GentleReminders.js';
import { SelfBooking1795498000000 } from './1795498000000-SelfBooking.js';
import { ScaleOut1795500000000 } from './1795500000000-ScaleOut.js';

// Every migration, in order. `npm run migration:generate -- <Name>` writes a new one; add it here.
export const migrations: Function[] = [
  Extensions1795400000000,
  Foundation1795400257542,
  Screening1795401502034,
  Psychoeducation1795402394442,
  Scheduling1795402733127,
  SafetyAlerts1795410000000,
  PerimeterHardening1795435000000,
  CompositeTenantKeys1795450000000,
  HotPathIndexes1795470000000,
  AccountSecurity1795480000000,
  RecordRetention1795485000000,
  GentleReminders1795490000000,
  SelfBooking1795498000000,
  ScaleOut1795500000000,
];
