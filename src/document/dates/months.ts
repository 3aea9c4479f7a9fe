import { escapeRegExp } from '../../core/text.js';
/**
 * Month names by language. The benchmark and the corpus are multilingual (German first),
 * and a byline like "11. Juni 2019" is as common as "June 11, 2019". Lookup is on a
 * lowercased, accent-folded key so "Marz"/"März"/"maerz" all resolve; the regex built
 * from the table matches the spellings as written.
 */
const TABLE: Record<string, string[]> = {
  // en
  january: ['1'], february: ['2'], march: ['3'], april: ['4'], may: ['5'], june: ['6'], july: ['7'],
  august: ['8'], september: ['9'], october: ['10'], november: ['11'], december: ['12'],
  jan: ['1'], feb: ['2'], mar: ['3'], apr: ['4'], jun: ['6'], jul: ['7'], aug: ['8'], sep: ['9'],
  sept: ['9'], oct: ['10'], nov: ['11'], dec: ['12'],
  // de (incl. Austrian forms)
  januar: ['1'], 'jänner': ['1'], jaenner: ['1'], februar: ['2'], feber: ['2'], 'märz': ['3'], maerz: ['3'], marz: ['3'],
  mai: ['5'], juni: ['6'], juli: ['7'], oktober: ['10'], dezember: ['12'],
  'jän': ['1'], 'mär': ['3'], okt: ['10'], dez: ['12'],
  // fr
  janvier: ['1'], 'février': ['2'], fevrier: ['2'], mars: ['3'], avril: ['4'], juin: ['6'], juillet: ['7'],
  'août': ['8'], aout: ['8'], septembre: ['9'], octobre: ['10'], novembre: ['11'], 'décembre': ['12'], decembre: ['12'],
  janv: ['1'], 'févr': ['2'], fevr: ['2'], 'fév': ['2'], avr: ['4'], juil: ['7'], 'déc': ['12'],
  // es
  enero: ['1'], febrero: ['2'], marzo: ['3'], abril: ['4'], mayo: ['5'], junio: ['6'], julio: ['7'], agosto: ['8'],
  septiembre: ['9'], setiembre: ['9'], octubre: ['10'], noviembre: ['11'], diciembre: ['12'],
  ene: ['1'], abr: ['4'], ago: ['8'], dic: ['12'],
  // it
  gennaio: ['1'], febbraio: ['2'], aprile: ['4'], maggio: ['5'], giugno: ['6'], luglio: ['7'], settembre: ['9'],
  ottobre: ['10'], dicembre: ['12'], gen: ['1'], mag: ['5'], giu: ['6'], lug: ['7'], ott: ['10'],
  // pt
  janeiro: ['1'], fevereiro: ['2'], 'março': ['3'], marco: ['3'], maio: ['5'], junho: ['6'], julho: ['7'],
  setembro: ['9'], outubro: ['10'], novembro: ['11'], dezembro: ['12'], fev: ['2'], set: ['9'], out: ['10'],
  // nl
  januari: ['1'], februari: ['2'], maart: ['3'], mei: ['5'], augustus: ['8'], mrt: ['3'],
  // sv / da / no
  augusti: ['8'], maj: ['5'], desember: ['12'], des: ['12'],
  // pl (genitive, as used in dates)
  stycznia: ['1'], lutego: ['2'], marca: ['3'], kwietnia: ['4'], maja: ['5'], czerwca: ['6'], lipca: ['7'],
  sierpnia: ['8'], 'września': ['9'], wrzesnia: ['9'], 'października': ['10'], pazdziernika: ['10'], listopada: ['11'], grudnia: ['12'],
  // tr
  ocak: ['1'], 'şubat': ['2'], subat: ['2'], mart: ['3'], nisan: ['4'], 'mayıs': ['5'], mayis: ['5'], haziran: ['6'],
  temmuz: ['7'], 'ağustos': ['8'], agustos: ['8'], 'eylül': ['9'], eylul: ['9'], ekim: ['10'], 'kasım': ['11'], kasim: ['11'], 'aralık': ['12'], aralik: ['12'],
  // ru (genitive)
  'января': ['1'], 'февраля': ['2'], 'марта': ['3'], 'апреля': ['4'], 'мая': ['5'], 'июня': ['6'], 'июля': ['7'],
  'августа': ['8'], 'сентября': ['9'], 'октября': ['10'], 'ноября': ['11'], 'декабря': ['12'],
};

export function foldKey(s: string): string {
  return s.toLowerCase().replace(/\.$/, '');
}

const LOOKUP = new Map<string, number>();
for (const [k, v] of Object.entries(TABLE)) LOOKUP.set(k, Number(v[0]));

/** Month number for a written month name, or null. */
export function monthNumber(name: string): number | null {
  const k = foldKey(name);
  const hit = LOOKUP.get(k) ?? LOOKUP.get(k.normalize('NFD').replace(/[\u0300-\u036f]/g, ''));
  return hit ?? null;
}


/** Regex source alternation of every month name, longest first so "June" wins over "Jun". */
export const MONTH_ALT = Object.keys(TABLE)
  .sort((a, b) => b.length - a.length)
  .map(escapeRegExp)
  .join('|');

// Weekday names that may lead a date ("Tue, 11 Jun 2019", "Montag, 3. Mai 2021").
export const WEEKDAY_ALT = [
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
  'mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun',
  'montag', 'dienstag', 'mittwoch', 'donnerstag', 'freitag', 'samstag', 'sonnabend', 'sonntag',
  'mo', 'di', 'mi', 'do', 'fr', 'sa', 'so',
  'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche',
  'lunes', 'martes', 'miércoles', 'miercoles', 'jueves', 'viernes', 'sábado', 'sabado', 'domingo',
  'lunedì', 'martedì', 'mercoledì', 'giovedì', 'venerdì', 'sabato', 'domenica',
]
  .sort((a, b) => b.length - a.length)
  .map(escapeRegExp)
  .join('|');
