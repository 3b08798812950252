import { describe, expect, it } from 'vitest';
import { findCompany } from '../../functions/domain/invite/find-company.js';
import { findRole } from '../../functions/domain/invite/find-role.js';

describe('finding the role', () => {
  it.each([
    ['Interview for Senior Data Engineer at Northwind Analytics', '', 'Senior Data Engineer'],
    ['Interview invitation - Product Designer', '', 'Product Designer'],
    ['Invitation: Interview - Staff Engineer @ Fabrikam', '', 'Staff Engineer'],
    ['Your interview with Contoso: Backend Engineer', '', 'Backend Engineer'],
    [
      'Next steps',
      'We would like to invite you to interview for the Site Reliability Engineer position.',
      'Site Reliability Engineer',
    ],
    [
      'Einladung',
      'Wir laden Sie zum Vorstellungsgespräch als Softwareentwicklerin bei Kessler ein.',
      'Softwareentwicklerin',
    ],
    [
      'Invitation',
      'Nous vous invitons à un entretien pour le poste de Chef de projet chez Lumière.',
      'Chef de projet',
    ],
    [
      'Invitación',
      'Le invitamos a una entrevista para el puesto de Analista de datos en Soluciones Iberia.',
      'Analista de datos',
    ],
    ['Role: Data Analyst', '', 'Data Analyst'],
  ])('reads the role from %j', (subject, body, role) => {
    expect(findRole(subject, body)).toBe(role);
  });

  it('does not run on into the sentence', () => {
    expect(
      findRole('Hello', 'Your interview for the Backend Engineer role is scheduled for tomorrow at 3pm.'),
    ).toBe('Backend Engineer');
    expect(findRole('Quick question', 'Are you free to chat this week?')).toBeNull();
  });
});

describe('finding the company', () => {
  it('prefers the company stated in the subject', () => {
    expect(findCompany('Interview for Engineer at Northwind Analytics', '', 'priya@nw-a.com')).toBe(
      'Northwind Analytics',
    );
    expect(findCompany('Interview - Staff Engineer @ Fabrikam', '', null)).toBe('Fabrikam');
  });

  it('reads a "… Careers" sender name', () => {
    expect(findCompany('Your interview', '', null, { senderName: 'Contoso Careers' })).toBe('Contoso');
  });

  it('reads the signature', () => {
    expect(
      findCompany(
        'Interview',
        'Hi Sam,\n\nSee you then.\n\nBest,\nPriya Natarajan\nTalent Partner, Northwind Analytics\n',
        null,
      ),
    ).toBe('Northwind Analytics');
  });

  it('falls back to the contact domain, but not to free mail or tracking-system domains', () => {
    expect(findCompany('Interview', '', 'daniel@brightlane.co.uk')).toBe('Brightlane');
    expect(findCompany('Interview', '', 'priya@northwind-analytics.com')).toBe('Northwind Analytics');
    expect(findCompany('Interview', '', 'someone@gmail.com')).toBeNull();
    expect(findCompany('Interview', '', 'no-reply@greenhouse.io')).toBeNull();
  });

  it('does not mistake a weekday, a time or a meeting tool for a company', () => {
    expect(findCompany('Interview on Monday at 10', 'Join us at Zoom', null)).toBeNull();
  });
});
