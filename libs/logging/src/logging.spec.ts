import { withoutEmails } from './logging';

describe('logs without personal data', () => {
  it('masks every email address in a line, in paths and queries too', () => {
    expect(withoutEmails('delivery notification.gone-1 to Gone.Person@dorset.nhs.example failed for good')).toBe('delivery notification.gone-1 to <email> failed for good');
    expect(withoutEmails('/contacts/o\'brien+pmo@icb.nhs.uk/preference?cc=a.b@c.org')).toBe('/contacts/<email>/preference?cc=<email>');
    expect(withoutEmails('escalation-5d1c0b5e-programme-milestone raised at rung 2')).toBe('escalation-5d1c0b5e-programme-milestone raised at rung 2');
  });
});
