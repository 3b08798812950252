import { asWordTree } from './word-tree.js';

/**
 * Mass mail that talks about interviews without being an invitation to one: newsletters, job alerts,
 * webinars. Each mark is a word such mail carries, in the languages Bowout reads.
 */
const BULK_MARKERS = [
  /unsubscribe|abmelden|abbestellen|se désabonner|se désinscrire|désabonnement|darse de baja|cancelar (?:la )?suscripción|afmelden|uitschrijven|annulla l'iscrizione|disiscriviti|cancelar inscrição|descadastrar|avregistrera|avsluta prenumeration|wypisz się|rezygnacja z subskrypcji|配信停止|退订|取消订阅/i,
  /job alert|new jobs|jobs for you|recommended jobs|alerte emploi|alerte[- ]e?mail|nouvelles offres|offres d'emploi|jobagent|jobalarm|neue jobs|passende jobs|alerta de empleo|ofertas de empleo|nuevas ofertas|vagas para você|novas vagas|offerte di lavoro|nuove offerte|vacaturealert|nieuwe vacatures|jobbtips|nya jobb|lediga jobb|oferty pracy|nowe oferty|新着求人|职位推荐/i,
  /newsletter|nyhetsbrev|nieuwsbrief|infolettre|boletín|notiziario|biuletyn/i,
  /webinar|webinaire|seminarium|seminario/i,
  /view (?:this email )?in (?:your )?browser|im browser (?:ansehen|anzeigen)|voir (?:la version )?en ligne|ver en (?:el )?navegador/i,
  /you are receiving this|vous recevez cet e-?mail|sie erhalten diese|du får detta|recibes este correo|ricevi questa/i,
  /manage (?:your )?(?:email )?preferences|gérer (?:mes|vos) préférences|einstellungen verwalten/i,
];

/**
 * Every mark at once, case-sensitive, for lower-cased text: the marks are written in lower case, so a text
 * any of them matches (whatever its case) holds a match of this in lower case.
 */
const ANY_MARKER = asWordTree(new RegExp(`(?:${BULK_MARKERS.map((marker) => marker.source).join('|')})`));

/**
 * Mass mail shows several of these marks, or one in its subject; a single footer line in a real
 * invite ("Follow us | Unsubscribe") is not enough to turn it away.
 */
export function isMassMail(subject: string, body: string): boolean {
  // Most mail shows no mark at all: one pass of all of them over the lower-cased text rules that out.
  if (!ANY_MARKER.test(subject.toLowerCase()) && !ANY_MARKER.test(body.toLowerCase())) return false;
  if (BULK_MARKERS.some((marker) => marker.test(subject))) return true;
  return BULK_MARKERS.filter((marker) => marker.test(body)).length >= 2;
}
