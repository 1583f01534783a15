import type { EmailMessage } from '../ports/mailer';
import type { EscalationForDelivery } from '../ports/escalation.repository';

const LONDON = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', dateStyle: 'full', timeStyle: 'short' });

/**
 * The escalation email, plain text and HTML, with the due time as leads read it: Europe/London, and
 * the signed link that acknowledges it (stopping the ladder) when links are configured.
 */
export function escalationEmail(escalation: EscalationForDelivery, acknowledgeUrl: string | null): EmailMessage {
  const { programme, milestone } = escalation;
  const due = `${LONDON.format(new Date(milestone.dueAt))} (UK time)`;
  const subject = `RED: milestone '${milestone.name}' is overdue (${programme.name})`;
  const lines = [
    `The milestone '${milestone.name}' of the programme '${programme.name}' was due on ${due} and is not recorded as complete.`,
    `Its status is Red, and so is the programme's.`,
    ``,
    `Milestone owner: ${milestone.ownerEmail}`,
    `Programme lead: ${programme.leadEmail}`,
    `Escalation rung: ${escalation.rung}`,
    ``,
    `Please record the milestone's completion, or agree a new forecast with its owner.`,
    ...(acknowledgeUrl === null ? [] : [``, `Acknowledge this escalation (it then goes no higher): ${acknowledgeUrl}`]),
  ];
  const html = [
    `<p>The milestone <strong>${escapeHtml(milestone.name)}</strong> of the programme <strong>${escapeHtml(programme.name)}</strong>`,
    ` was due on ${escapeHtml(due)} and is not recorded as complete.</p>`,
    `<p>Its status is <strong style="color:#d5281b">Red</strong>, and so is the programme's.</p>`,
    `<ul><li>Milestone owner: ${escapeHtml(milestone.ownerEmail)}</li><li>Programme lead: ${escapeHtml(programme.leadEmail)}</li>`,
    `<li>Escalation rung: ${escalation.rung}</li></ul>`,
    `<p>Please record the milestone's completion, or agree a new forecast with its owner.</p>`,
    acknowledgeUrl === null ? '' : `<p><a href="${escapeHtml(acknowledgeUrl)}">Acknowledge this escalation</a> (it then goes no higher).</p>`,
  ].join('');
  return {
    to: escalation.recipient,
    subject,
    text: lines.join('\n'),
    html,
    headers: { 'X-PMO-Escalation-Id': escalation.id, 'X-PMO-Programme-Id': programme.id, 'X-PMO-Milestone-Id': milestone.id },
  };
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
