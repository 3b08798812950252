import { describe, expect, it } from 'vitest';
import { endsWithOneOf, startsWithOneOf } from '../../functions/domain/invite/evidence.js';
import {
  type CompanyEvidence,
  cleanCompany,
  domainSpells,
  findCompany,
  readCompany,
} from '../../functions/domain/invite/find-company.js';
import { fixtureLines } from '../support/fixture-text.js';

const read = (subject: string, body = '', contact: string | null = null, senderName?: string) =>
  readCompany({
    subject,
    calendarSummary: null,
    text: body,
    body,
    senders: senderName ? [{ name: senderName, address: 'no-reply@greenhouse.io' }] : [],
    contactAddress: contact,
    people: [],
  });

/** The company read from a subject and a text (the employer's and the whole body alike), and more evidence. */
const readFrom = (subject: string, text: string, more: Partial<CompanyEvidence>) =>
  readCompany({
    subject,
    calendarSummary: null,
    text,
    body: text,
    senders: [],
    contactAddress: null,
    people: [],
    ...more,
  });

describe('finding the company in a subject', () => {
  it.each([
    'Updated invitation: Interview - Senior Buyer @ Tue Jan 19, 2027 10am - 11am (CET) (sam@gmail.com)',
    'Updated invitation with note: Interview - Senior Buyer',
    'Rescheduled: Interview - Senior Buyer',
    'Confirmed: Interview - Senior Buyer',
    'Reminder: Interview - Senior Buyer',
    'Invitation: Interview - Senior Buyer',
    'Aktualisierte Einladung: Interview - Senior Buyer @ Di. 19. Jan. 2027 10:00 - 11:00 (MEZ) (sam@gmail.com)',
    'Invitation mise à jour : Entretien - Acheteur senior',
    'Evento cancelado: Entrevista - Comprador sénior @ lun 1 feb 2027 10:00 - 11:00 (CET) (sam@gmail.com)',
    'Booking confirmed: Technical Interview – Senior Buyer',
  ])('takes neither the status nor the role for the company: %s', (subject) => {
    const company = read(subject, '', 'jonas@nordwerk-handel.de');
    expect(company.value).toBe('Nordwerk Handel');
    expect(company.certain).toBe(false);
  });

  it.each([
    ['Interview for Senior Data Engineer at Northwind Analytics', 'Northwind Analytics'],
    ['Interview - Staff Engineer @ Fabrikam', 'Fabrikam'],
    ['Tevere Digital Health | Colloquio Digital Product Lead', 'Tevere Digital Health'],
    ['Entrevista - Backend Go - Cuyo Pagos', 'Cuyo Pagos'],
    ['Kallelse till intervju – Tandsköterska, Älvstranden Tandvård', 'Älvstranden Tandvård'],
    ['Thank you for applying to Larchmere Labs', 'Larchmere Labs'],
    ['Interview invitation from Salal Outdoor Co.', 'Salal Outdoor'],
  ])('reads a company the subject states: %s', (subject, company) => {
    expect(read(subject).value).toBe(company);
  });

  it('takes a name between lenticular brackets in a Japanese or Chinese subject', () => {
    expect(read('【ミナトリンク】一次面接日程のご案内').value).toBe('ミナトリンク');
    expect(read('面试邀请 | 云栈科技-前端开发工程师').value).toBe('云栈科技');
  });

  it('does not take a person named with "with" for the company', () => {
    expect(read('Your conversation with Olivia', '', null, 'Cuyahoga Fulfillment Careers').value).toBe(
      'Cuyahoga Fulfillment',
    );
  });
});

describe('finding a Japanese or Chinese company', () => {
  it('reads a legal name in kana or Latin letters after 株式会社 and ends it at the particle', () => {
    expect(read('二次面接のご連絡', '株式会社あおぞらネットの中村でございます。').value).toBe(
      '株式会社あおぞらネット',
    );
    expect(
      read('面接のご案内', 'この度は、株式会社きらめきAI 機械学習エンジニア職にご応募いただき').value,
    ).toBe('株式会社きらめきAI');
  });

  it('leaves the words of the sentence before a Chinese legal name out of it, in either script', () => {
    expect(read('面試邀請', '謝謝您投遞恆信生技股份有限公司品保專員職缺，我們很高興邀請您').value).toBe(
      '恆信生技股份有限公司',
    );
    expect(read('面試通知', '感谢您关注苏州云锦智造科技有限公司。').value).toBe('苏州云锦智造科技有限公司');
  });

  it('never takes a notice tag or a job title in a subject for the company', () => {
    for (const subject of [
      '【リマインド】明日の面接について',
      '【再送】二次面接のご連絡',
      '【提醒】面试安排',
    ])
      expect(read(subject).value).toBeNull();
    expect(read('面接日程のご案内: 生産技術エンジニア職').value).toBeNull();
  });

  it('reads a name set apart from the interview words, and a signature line with its team after it', () => {
    expect(read('天府游戏 面试通知').value).toBe('天府游戏');
    expect(read('面试通知', '请携带作品集。\n\n罗斌\n天府游戏 HR').value).toBe('天府游戏');
  });

  it('takes the company after a team named first in a sign-off ("Zespół HR X")', () => {
    expect(read('Potwierdzenie', 'Pozdrawiamy\nZespół HR Nadwiślańska Logistyka').value).toBe(
      'Nadwiślańska Logistyka',
    );
  });
});

describe('finding the company in a calendar description', () => {
  it('reads a legal name the event description alone gives', () => {
    const reading = readCompany({
      subject: 'New Event: Marcus Bell - Intro call: Fleet Operations Analyst',
      calendarSummary: 'Intro call: Fleet Operations Analyst',
      calendarDescription: 'Prairie Route Logistics, Inc. - 30 minute intro call with the hiring manager.',
      text: 'A new event has been scheduled.',
      body: 'A new event has been scheduled.',
      senders: [{ name: 'Calendly', address: 'notifications@calendly.com' }],
      contactAddress: 'dana@prairieroute.com',
      people: [],
    });
    expect(reading.value).toBe('Prairie Route Logistics');
  });
});

describe('finding the company elsewhere', () => {
  it('reads the name a tracking system sends under', () => {
    expect(read('Your interview', '', null, 'Contoso Careers').value).toBe('Contoso');
    expect(read('Your interview', '', null, 'Älvstranden Tandvård via Varbi').value).toBe(
      'Älvstranden Tandvård',
    );
    expect(read('Your interview', '', null, 'Olivia at Bluebonnet Grocers').value).toBe('Bluebonnet Grocers');
    expect(read('Your interview', '', null, 'Femke Jansma – Klaproos Studio').value).toBe('Klaproos Studio');
  });

  it('reads a signature: "Title | Company", a legal name, the line under a title, never a department', () => {
    const signature = (lines: string) =>
      read('Interview', `Hi Sam,\n\nSee you then.\n\nBest,\n${lines}\n`).value;
    expect(signature('Dorothea Quaile\nSenior Technical Recruiter | Lanternfish Payments')).toBe(
      'Lanternfish Payments',
    );
    expect(
      signature('Beatrice Zumsteg\nHR Business Partner\n\nRheinknie Pharma AG\nDreispitzstrasse 12'),
    ).toBe('Rheinknie Pharma');
    expect(
      signature(
        'Ségolène Marchetti\nChargée de recrutement\nDirection des Ressources Humaines\nRHODANIE INGÉNIERIE',
      ),
    ).toBe('RHODANIE INGÉNIERIE');
    expect(signature('Svenja Kröger\nPeople & Culture | Lindgrün Mobility GmbH')).toBe('Lindgrün Mobility');
  });

  it('reads a signature that is the whole text, blank lines before it, and reads nothing from blank lines alone', () => {
    const text = '\n\n\r\nDorothea Quaile\r\n\r\nSenior Technical Recruiter | Lanternfish Payments\r\n';
    expect(read('Interview', text).value).toBe('Lanternfish Payments');
    expect(read('Interview', '\n').value).toBeNull();
    expect(read('Interview', '\n \n\t\n').value).toBeNull();
  });

  it('ends a legal name at its legal form: the town after it is an address, not the name', () => {
    const signature = (lines: string) =>
      read('Interview', `Hi Sam,\n\nSee you then.\n\nMet vriendelijke groet,\n${lines}\n`).value;
    expect(signature('Pieter Smit\nRecruiter | Dijkgraaf Installaties B.V. | Zwolle')).toBe(
      'Dijkgraaf Installaties',
    );
    expect(signature('Anke Vogt\nPersonalreferentin | Hanse Kältetechnik GmbH, Lübeck')).toBe(
      'Hanse Kältetechnik',
    );
    expect(signature('Marie Dubois\nResponsable RH – Ardennes Logiciels SA, Liège')).toBe(
      'Ardennes Logiciels',
    );
    expect(cleanCompany('Tatra Bankowość S.A., Kraków')).toBe('Tatra Bankowość');
  });

  it('never takes a sign-off for the company', () => {
    expect(
      read('Rozmowa', 'Dzień dobry,\n\nDo zobaczenia.\n\nRekruterka\nPozdrawiam\nAnna Nowak').value,
    ).toBeNull();
  });

  it('drops a Japanese or Chinese team name after the company ("採用チーム", "人事部", "招聘团队")', () => {
    expect(read('面接のご案内', '', null, '株式会社アサヒ精工 採用チーム').value).toBe('株式会社アサヒ精工');
    expect(read('面接のご案内', '', null, 'ミドリ化成株式会社 人事部').value).toBe('ミドリ化成株式会社');
    expect(read('面试邀请', '', null, '杭州青禾科技有限公司 招聘团队').value).toBe('杭州青禾科技有限公司');
  });

  it('reads a team name that puts the team first ("Talentos X", "Careers at X") and "na X" in a Portuguese text', () => {
    expect(read('Recebemos sua candidatura!', '', null, 'Talentos Ipanema').value).toBe('Ipanema');
    expect(read('Przypomnienie', '', null, 'Zespół Rekrutacji Mazowsze Energia').value).toBe(
      'Mazowsze Energia',
    );
    expect(
      read(
        'Recebemos sua candidatura!',
        'Recebemos sua candidatura para a vaga de Analista na Ipanema Seguros.',
        null,
        'Talentos Ipanema',
      ).value,
    ).toBe('Ipanema Seguros');
  });

  it('does not take the first name of the person who signs for the company', () => {
    const company = readFrom(
      'Great meeting you',
      'Hi Priya,\n\nCan we chat Tuesday at 4pm?\n\nDaniel\nSent from my iPhone',
      {
        senders: [{ name: 'Daniel Okoye', address: 'dan.okoye@gmail.com' }],
        contactAddress: 'dan.okoye@gmail.com',
        people: ['Priya Shah', 'Daniel Okoye'],
      },
    );
    expect(company.value).toBeNull();
  });

  it('reads the company a tracking system sends as, even when it looks like a name, unless a person signs it', () => {
    const relay = (name: string, body = '', people: string[] = []) =>
      readFrom('Conferma colloquio - Data Scientist', body, {
        senders: [{ name, address: 'noreply@smartrecruiters.com' }],
        people,
      }).value;
    expect(relay('Padana Logistica')).toBe('Padana Logistica');
    expect(relay('Marta Ricci', 'Cordiali saluti\nMarta Ricci', ['Marta Ricci'])).toBeNull();
  });

  it('reads the company named first on a place line ("Luogo: X, Via …")', () => {
    expect(read('Colloquio', 'Data: 19 maggio\nLuogo: Padana Logistica, Via Emilia 40, Parma\n').value).toBe(
      'Padana Logistica',
    );
    expect(read('Entrevue', 'Lieu : Caisse Outaouais, 120, rue Principale, Gatineau\n').value).toBe(
      'Caisse Outaouais',
    );
  });

  it('takes neither a job board nor a department for the company', () => {
    expect(read('Interview', '', null, 'Welcome to the Jungle').value).toBeNull();
    expect(read('Interview', '', null, 'Jobvite Notifications').value).toBeNull();
    expect(
      read(
        'Interview',
        'Thanks,\n\nRuth Adeyemi\nDirector, Store Operations Planning | Harborview Outfitters',
      ).value,
    ).toBe('Harborview Outfitters');
  });

  it('takes no phrase of lower-case words for a company ("Conseillère en ressources financières")', () => {
    expect(read('Convocation à une entrevue – Conseillère en sécurité financière').value).toBeNull();
  });

  it('finds the domain’s spelling in the subject too', () => {
    expect(
      read('Fw: Harbor Transit Authority Group Interview Confirmation', '', 'jobs@harbortransit.org').value,
    ).toMatch(/^Harbor Transit(?: Authority)?$/);
  });

  it('keeps "Recruitment" in an agency’s name read from its signature, and drops it from a sender’s name', () => {
    expect(
      read('Interview next week', 'Best,\nRachel Green\nSenior Consultant | Northgate Recruitment').value,
    ).toBe('Northgate Recruitment');
    expect(read('Your interview', '', null, 'Contoso Recruitment').value).toBe('Contoso');
  });

  it('finds the text’s accented spelling of an unaccented domain', () => {
    const company = read(
      'Entrevista',
      'Confirmamos sua entrevista na Vitória Tech no dia 18/01.',
      'carla@vitoria-tech.com.br',
    );
    expect(company.value).toBe('Vitória Tech');
  });

  it('trims the words of a sentence off a Chinese legal name and cuts it after its legal form', () => {
    expect(read('面试邀请', '感谢您关注深圳云栈科技有限公司！经过简历筛选，我们邀请您参加面试。').value).toBe(
      '深圳云栈科技有限公司',
    );
  });

  it('prefers the spelling the text writes for the domain, else spells the domain out, unsure', () => {
    const spelled = read(
      'Interview',
      'Come and see us at Sagrera Tech, Carrer de Berenguer.',
      'm@sagreratech.es',
    );
    expect(spelled.value).toBe('Sagrera Tech');
    const guessed = read('Interview', '', 'priya@northwind-analytics.com');
    expect(guessed.value).toBe('Northwind Analytics');
    expect(guessed.certain).toBe(false);
    expect(read('Interview', '', 'someone@gmail.com').value).toBeNull();
    expect(read('Interview', '', 'no-reply@greenhouse.io').value).toBeNull();
  });

  it('is sure when two places agree and the domain spells the name', () => {
    const company = read(
      'Interview Confirmation: Controls Engineer at Ferncliff Robotics',
      'Best,\nTom Whitaker\nRecruiter | Ferncliff Robotics',
      'tom.whitaker@ferncliffrobotics.com',
    );
    expect(company).toMatchObject({ value: 'Ferncliff Robotics', certain: true });
    expect(company.candidates[0]?.notes).toContain('the domain spells it');
  });

  it('writes the name in full when the text does ("Chinook" from a team name, "Chinook Midstream" in the text)', () => {
    const company = readFrom(
      'Interview: Cathodic Protection Engineer',
      'You are invited to an interview for the Cathodic Protection Engineer position at Chinook Midstream.',
      {
        senders: [{ name: 'Chinook Talent Scheduling', address: 'talentscheduling@chinookmidstream.ca' }],
        contactAddress: 'brianna.kowal@chinookmidstream.ca',
      },
    );
    expect(company.value).toBe('Chinook Midstream');
  });

  it('never takes a person for the company', () => {
    expect(findCompany('Interview – Daryl Goh', '', null, { exclude: ['Daryl Goh'] })).toBeNull();
  });
});

describe('company names', () => {
  it.each([
    ['Varthur Ledgerworks Pvt. Ltd.', 'Varthur Ledgerworks'],
    ['Elbkontor Logistik GmbH & Co. KG', 'Elbkontor Logistik'],
    ['Kvarn & Co', 'Kvarn & Co'],
    ['Mole Robotica S.r.l.', 'Mole Robotica'],
    ['Mokotów Software House Sp. z o.o.', 'Mokotów Software House'],
    ['Açormar – Transportes Marítimos, S.A.', 'Açormar'],
    ['Vaartsche Zorg. We look forward', 'Vaartsche Zorg'],
    ['Zoom', null],
  ])('%j is written %j', (raw, clean) => {
    expect(cleanCompany(raw)).toBe(clean);
  });

  it('knows when a domain spells a name: the whole, the start, the first word, the initials', () => {
    expect(domainSpells('lanternfishpay', 'Lanternfish Payments')).toBe(true);
    expect(domainSpells('narrowsocean', 'Narrows Ocean Technologies')).toBe(true);
    expect(domainSpells('cairnlinegear', 'Cairnline Outfitters')).toBe(true);
    expect(domainSpells('bvenergy', 'Bow Valley Energy Services')).toBe(true);
    expect(domainSpells('fabrikam', 'Contoso')).toBe(false);
  });
});

describe('the cleaning of a company name, pattern by pattern only where one can match', () => {
  it('skips a pattern only where it could change nothing', () => {
    const names = fixtureLines().flatMap((line) => {
      const name = line.slice(0, 70).trim();
      return [name, `"${name}"`, `(${name})`, `${name}.`, `${name}, Inc.;`, `‘${name}’ &`];
    });
    const steps: [RegExp, (name: string) => boolean][] = [
      [
        /^[\s"'“”‘’([]+|[\s"'“”‘’)\]]+$/g,
        (n) => startsWithOneOf(n, '"\'“”‘’([') || endsWithOneOf(n, '"\'“”‘’)]'),
      ],
      [/[.,;:!]+$/, (n) => endsWithOneOf(n, '.,;:!')],
      [/[.,;:&]+$/, (n) => endsWithOneOf(n, '.,;:&')],
    ];
    const missed: string[] = [];
    for (const name of names)
      for (const [pattern, mayMatch] of steps)
        if (!mayMatch(name) && name.replace(pattern, '') !== name) missed.push(`${pattern.source}: ${name}`);
    expect(missed).toEqual([]);
    expect(names.filter((name) => cleanCompany(name) !== null).length).toBeGreaterThan(1000);
  });
});
