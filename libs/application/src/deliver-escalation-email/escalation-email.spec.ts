import { escalationEmail } from './escalation-email';
import type { EscalationForDelivery } from '../ports/escalation.repository';

const escalation: EscalationForDelivery = {
  id: 'e1',
  status: 'queued',
  rung: 1,
  recipient: 'lead@dorset.nhs.example',
  programme: { id: 'p1', name: 'Extended access <Dorset>', leadEmail: 'lead@dorset.nhs.example' },
  milestone: { id: 'm1', name: 'Mobilisation start', ownerEmail: 'owner@nhs.example', dueAt: '2018-09-14T16:00:00.000Z', completedAt: null },
};

describe('escalationEmail', () => {
  it('gives the due time in UK time, British Summer Time included', () => {
    expect(escalationEmail(escalation, null).text).toContain('was due on Friday, 14 September 2018 at 17:00 (UK time)');
  });

  it('escapes the programme and milestone names in HTML, and addresses the recipient', () => {
    const email = escalationEmail(escalation, null);
    expect(email.to).toBe('lead@dorset.nhs.example');
    expect(email.html).toContain('Extended access &#60;Dorset&#62;');
    expect(email.html).not.toContain('<Dorset>');
    expect(email.headers['X-PMO-Escalation-Id']).toBe('e1');
  });

  it('carries the signed acknowledgement link when there is one', () => {
    const email = escalationEmail(escalation, 'https://pmo.example/escalations/acknowledge?token=a.b');
    expect(email.text).toContain('Acknowledge this escalation (it then goes no higher): https://pmo.example/escalations/acknowledge?token=a.b');
    expect(email.html).toContain('<a href="https://pmo.example/escalations/acknowledge?token=a.b">');
  });
});
