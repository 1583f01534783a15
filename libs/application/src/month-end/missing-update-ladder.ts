import type { ProgrammeContacts } from '../ports/report.repository';

/**
 * The missing-update ladder: the person who records the update is reminded, the one above them hears it
 * is missing. With a programme manager named, that is the manager then the lead; without one the lead
 * records it, so the lead then the SRO (the lead again when there is no SRO).
 */
export function missingUpdateLadder(programme: ProgrammeContacts): { reminded: string; escalatedTo: string } {
  if (programme.managerEmail !== null) return { reminded: programme.managerEmail, escalatedTo: programme.leadEmail };
  return { reminded: programme.leadEmail, escalatedTo: programme.sroEmail ?? programme.leadEmail };
}
