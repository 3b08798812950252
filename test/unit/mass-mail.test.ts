import { describe, expect, it } from 'vitest';
import { isMassMail } from '../../functions/domain/invite/mass-mail.js';

describe('mass mail', () => {
  it('is recognised by one mark in its subject, in any case', () => {
    expect(isMassMail('Your weekly NEWSLETTER', 'Hello')).toBe(true);
    expect(isMassMail('Nouvelles offres pour vous', '')).toBe(true);
    expect(isMassMail('Neue Jobs für dich', '')).toBe(true);
  });

  it('is recognised by two marks in its body, whatever their case and language', () => {
    expect(isMassMail('Hello', 'New roles this week.\nUNSUBSCRIBE | View In Browser')).toBe(true);
    expect(isMassMail('Hallo', 'Passende Jobs für dich\nNewsletter ABBESTELLEN')).toBe(true);
    expect(isMassMail('Hola', 'Alerta de empleo\nDARSE DE BAJA')).toBe(true);
    expect(isMassMail('新着求人', '')).toBe(true);
  });

  it('lets an invite with one footer mark through, and one with none', () => {
    expect(isMassMail('Interview invitation', 'See you Tuesday.\nFollow us | Unsubscribe')).toBe(false);
    expect(isMassMail('Interview invitation', 'Could you do Tuesday at 10:00?')).toBe(false);
    expect(isMassMail('', '')).toBe(false);
  });
});
