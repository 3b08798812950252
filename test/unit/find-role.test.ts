import { describe, expect, it } from 'vitest';
import { endsWithOneOf, startsWithOneOf } from '../../functions/domain/invite/evidence.js';
import { findCompany } from '../../functions/domain/invite/find-company.js';
import {
  cleanRole,
  findRole,
  lastWord,
  mayStopRole,
  POSITION_NOUNS,
  ROLE_STOP,
  readRole,
  VERB_PARTICLES,
} from '../../functions/domain/invite/find-role.js';
import { fixtureLines } from '../support/fixture-text.js';

/** The role read from a subject and a text, with nothing else known. */
const readTitled = (subject: string, text: string) =>
  readRole({ subject, calendarSummary: null, text, older: '', company: null, people: [] });

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

describe('finding the role in titles of every shape', () => {
  it.each([
    ['Graduate Geologist – interview invitation', 'Graduate Geologist'],
    ['Intervju Technical Artist – Sundsbro', 'Technical Artist'],
    ['Inbjudan till intervju – Fastighetsförvaltare', 'Fastighetsförvaltare'],
    ['Zaproszenie na rozmowę – Programista Java (Senior)', 'Programista Java'],
    ['Alfama Labs – entrevista técnica (Engenheiro de Machine Learning)', 'Engenheiro de Machine Learning'],
    ['R: Candidatura Tecnico Manutentore Meccatronico', 'Tecnico Manutentore Meccatronico'],
    ['Studio Boréal – Entrevue pour le poste de programmeur gameplay', 'programmeur gameplay'],
    ['Einladung zum Interview – Data Engineer (m/w/d) (R-10234)', 'Data Engineer'],
    [
      'Interview Scheduled: Senior Software Engineer – Platform (JR-24817)',
      'Senior Software Engineer – Platform',
    ],
    ['Interview - Transport Analyst - Felixstowe', 'Transport Analyst'],
    [
      'Updated: Data Scientist – Technical Round with Karthik Subramanian on Thursday, February 18, 2027',
      'Data Scientist',
    ],
    ['Technical Deep Dive - Nadine Okoro (Computational Biologist)', 'Computational Biologist'],
    ['【なにわ精機】二次面接のご案内（生産技術エンジニア）', '生産技術エンジニア'],
    ['面试安排｜产品经理｜浦江星链', '产品经理'],
    ['Your application – Asset Management Surveyor (Ref GHT/0127)', 'Asset Management Surveyor'],
  ])('reads %j as %j', (subject, role) => {
    expect(findRole(subject, '')).toBe(role);
  });

  it('takes neither the candidate’s name nor an interviewer’s for the role', () => {
    expect(findRole('Interview: Data Engineer – Daryl Goh', '')).toBe('Data Engineer');
    expect(findRole('Recruiter Screen with Jamie Park', '')).toBeNull();
  });

  it('reads the role from the text in many languages when the subject has none', () => {
    expect(
      findRole('Einladung', 'vielen Dank für Ihre Bewerbung als Disponent (m/w/d) und Ihr Interesse.'),
    ).toBe('Disponent');
    expect(
      findRole(
        'Einladung',
        'wir laden Sie zu einem Gespräch für die Position Sachbearbeiterin Kundenservice ein:',
      ),
    ).toBe('Sachbearbeiterin Kundenservice');
    expect(findRole('Uitnodiging', 'Leuk dat je hebt gesolliciteerd op de functie UX-onderzoeker!')).toBe(
      'UX-onderzoeker',
    );
    expect(
      findRole(
        '面接のご案内',
        'この度はバックエンドエンジニア職にご応募いただき、誠にありがとうございます。',
      ),
    ).toBe('バックエンドエンジニア');
    expect(findRole('面接日程確定', '組込みソフトウェアエンジニア職の面接日程が確定いたしました。')).toBe(
      '組込みソフトウェアエンジニア',
    );
    expect(
      findRole(
        'Next steps',
        'We need to move your Growth Insights Analyst interview with Brightwell Ledger.',
      ),
    ).toBe('Growth Insights Analyst');
  });

  it('is sure of a job title a subject states, not of one it only read in passing', () => {
    expect(readTitled('Interview - Senior Buyer', '').certain).toBe(true);
    const passing = readTitled('Hello', 'Thanks for applying for Warehouse Associate – Night Shift, Kayla!');
    expect(passing.value).toBe('Warehouse Associate – Night Shift');
    expect(passing.certain).toBe(false);
  });
  it('prefers the full title to a word of it, and is not sure of a title without a job in it', () => {
    const graduate = readTitled(
      'Booking confirmed: Graduate Assessment Day',
      'If you have questions about the Graduate Surveyor programme, contact us.',
    );
    expect(graduate.value).toBe('Graduate Surveyor');
    const level = readTitled('Senior interview', '');
    expect(level.certain).toBe(false);
  });

  it.each([
    'Updated: Onsite interview',
    'Interview booked',
    'Entrevista programada',
    'Buchung bestätigt',
    'Terminbestätigung',
    'Your offer letter',
  ])('takes no status word for the role: %j', (subject) => {
    expect(findRole(subject, '')).toBeNull();
  });
  it.each([
    ['Nächster Schritt: Fachgespräch Controller (m/w/d)', 'Controller'],
    ['Prochaine étape : entretien Comptable', 'Comptable'],
    ['Auswahlgespräch Projektleiterin Tiefbau', 'Projektleiterin Tiefbau'],
  ])('takes the next-step words and compound interview words off a title: %j', (subject, role) => {
    expect(findRole(subject, '')).toBe(role);
  });

  it('takes no result or thanks for the role in a Japanese or Chinese subject', () => {
    expect(findRole('書類選考通過のご連絡', '')).toBeNull();
    expect(findRole('面试结果通知', '')).toBeNull();
  });
  it.each([
    ['vielen Dank für Ihre Bewerbung als Fachinformatikerin (w/m/d).', 'Fachinformatikerin'],
    [
      'herzlichen Dank für Ihre Bewerbung vom 2. März als Disponent:in Nahverkehr (Bus).',
      'Disponent:in Nahverkehr',
    ],
    ['Je gesprek voor de functie Medior Accountmanager is ingepland op dinsdag.', 'Medior Accountmanager'],
    ['Your interview for Track Maintenance Supervisor is confirmed.', 'Track Maintenance Supervisor'],
    [
      'Small change to your schedule for the Solutions Architect interviews on Friday.',
      'Solutions Architect',
    ],
    ['Thanks for your interest in the Loss Adjuster position.', 'Loss Adjuster'],
    [
      'se ha programado una entrevista para la posición Técnica de Laboratorio (REQ-2231).',
      'Técnica de Laboratorio',
    ],
    ['pour le poste d’Ingénieur(e) d’études électriques.', 'Ingénieur(e) d’études électriques'],
    [
      'pour le poste de Conseiller en sécurité financière (numéro 55102).',
      'Conseiller en sécurité financière',
    ],
    [
      'A entrevista para a vaga Analista(a) de Logística (JR-3310) foi reagendada.',
      'Analista(a) de Logística',
    ],
    ['na stanowisko Specjalista ds. Rozliczeń Płacowych (HR).', 'Specjalista ds. Rozliczeń Płacowych'],
    ['rozmowie na stanowisko Młodszy Księgowy – we wtorek 13 kwietnia', 'Młodszy Księgowy'],
    [
      'We are pleased to call you for an interview for the post of Quality Inspector (Garments).',
      'Quality Inspector',
    ],
    ['この度は「経理財務（IFRS）」ポジションにご応募いただき、ありがとうございます。', '経理財務'],
  ])('reads the role from a text phrase: %j', (text, role) => {
    expect(findRole('Einladung', text)).toContain(role);
  });

  it('takes neither a date nor a company addressed with 様 for the role', () => {
    expect(
      findRole('Einladung zum Vorstellungsgespräch – Ihre Bewerbung vom 5. Februar 2027', ''),
    ).toBeNull();
    expect(findRole('【リクルートブリッジ】南海精工様 一次面接のご案内', '')).toBeNull();
  });
});

describe('the cleaning of a role, pattern by pattern only where one can match', () => {
  // Lines of the fixtures, with the shapes each pattern takes off added at their ends.
  const texts = fixtureLines().flatMap((line) => {
    const short = line.slice(0, 60).replace(/\s+/g, ' ').trim();
    return [
      short,
      `“${short}”`,
      `${short} position`,
      `${short} Stelle.`,
      `Die ${short} ein`,
      `${short} -`,
      `${short} at Contoso`,
      `${short} who we are`,
    ];
  });

  it('skips a pattern only where it could change nothing', () => {
    const steps: [RegExp, (role: string) => boolean][] = [
      [ROLE_STOP, mayStopRole],
      [
        /^[\s"'“”‘’«]+|[\s"'“”‘’»]+$/g,
        (r) => startsWithOneOf(r, ' "\'“”‘’«') || endsWithOneOf(r, ' "\'“”‘’»'),
      ],
      [
        /\s+(?:position|role|opening|vacancy|job|stelle|poste|puesto|vaga|posizione|vacature|functie)$/i,
        (r) => POSITION_NOUNS.has(lastWord(r).toLowerCase()),
      ],
      [/[.,:;!–—-]+$/, (r) => endsWithOneOf(r, '.,:;!–—-')],
      [/^(\p{Lu}.*?)\s(?:ein|an|auf|zu|vor|mit|teil)$/u, (r) => VERB_PARTICLES.has(lastWord(r))],
    ];
    const missed: string[] = [];
    for (const text of texts)
      for (const [pattern, mayMatch] of steps)
        if (!mayMatch(text) && text.replace(pattern, '$1') !== text)
          missed.push(`${pattern.source}: ${text}`);
    expect(missed).toEqual([]);
    expect(texts.filter((text) => cleanRole(text) !== null).length).toBeGreaterThan(1000);
  });
});
