/**
 * What a single unit (a repaired line) looks like: prose, a link or menu item, a caption,
 * a legal line. Only surface cues are available in a text dump, so these are the cues a
 * reader uses at a glance: sentence punctuation, function-word density, capitalisation,
 * and the stock phrases sites wrap around an article.
 */

// Function words of the languages most news is written in. Prose is dense in them; menus,
// link titles and credits are not. Lists are short on purpose: only the very frequent.
const STOP = new Set(
  (
    // English
    'the of and to a in is that for it as was with be by on not he she his her they are this at from or had have has an but were which there been their its one all would will we you can who more if no out so said what up about into than them some could him only other then also after how did when your do over new just these may our first any most such those because while where before between through against during being both each under very own being same were until should must off still why here down even much well yet since whether though' +
    // Portuguese, Spanish, Italian, French
    ' de la que el en los se del las por un una con para es al lo como su más pero sus le ya o este sí porque esta entre cuando muy sin sobre también me hasta hay donde quien desde todo nos durante todos uno les ni contra otros ese eso ante ellos e esto antes algunos qué unos yo otro otras otra él tanto esa estos mucho quienes nada muchos cual poco ella estar estas algunas algo nosotros do da em um não uma os no com mais as dos como mas foi ao ele das tem à seu sua ou ser quando muito há nos já está eu também só pelo pela até isso ela entre era depois sem mesmo aos ter seus quem nas me esse eles estão você tinha foram essa num nem suas meu às minha têm numa pelos elas havia seja qual será nós tenho lhe deles essas esses pelas este fosse dele il di che è per non una sono del della le si con gli ma anche come alla dei nel questo ha ci più delle nella lo io cui alle sul tra dal et les des est pas dans qui sur au avec ce il ne pour sont mais ou nous vous leur être été cette aux'
    // German, Indonesian, Russian
    + ' der die und den von zu das mit sich des auf für ist im dem nicht ein eine als auch es an werden aus er hat dass sie nach wird bei einer um am sind noch wie einem über einen so zum war haben nur oder aber vor zur bis mehr durch man yang dan di ke dari ini itu dengan untuk dalam tidak pada akan juga ada adalah oleh karena saat bisa mereka telah и в не что на я с он как а то все она так его но да ты к у же вы за бы по только ее мне было вот от меня еще нет о из ему теперь когда даже ну вдруг ли если уже или ни быть был него до вас нибудь опять уж вам ведь там потом себя ничего ей может они тут где есть надо ней для мы тебя их чем была сам чтоб без будто чего раз тоже себе под будет ж тогда кто этот того потому этого какой совсем ним здесь этом один почти мой тем чтобы нее сейчас были куда зачем всех никогда можно при наконец два об другой хоть после над больше тот через эти нас про всего них какая много разве три эту моя впрочем хорошо свою этой перед иногда лучше чуть том нельзя такой им более всегда конечно всю между'
  ).split(/\s+/),
);

const WORD = /[\p{L}\p{N}\p{M}'’-]+/gu;
// Scripts written without spaces: length in characters stands in for a word count.
const CJK = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]/gu;

export function isStopword(w: string): boolean {
  return STOP.has(w.toLowerCase());
}

export interface Features {
  chars: number;
  words: number;
  /** Share of words that are function words. */
  stopRatio: number;
  /** Ends like a sentence. */
  terminal: boolean;
  /** Sentence ends inside the unit (more than one sentence). */
  sentences: number;
  /** Share of longer words that start with a capital: headline and link-title style. */
  capRatio: number;
  digitRatio: number;
  cjk: boolean;
  /** The unit opens or closes a quotation. */
  quote: boolean;
  /** Weight in words (CJK text counts characters / 2). */
  weight: number;
}

export function features(text: string): Features {
  const words = text.match(WORD) ?? [];
  const cjkChars = (text.match(CJK) ?? []).length;
  const cjk = cjkChars > text.length * 0.3;
  let stop = 0;
  let caps = 0;
  let capBase = 0;
  for (const w of words) {
    const lw = w.toLowerCase();
    if (STOP.has(lw)) stop++;
    else if (w.length >= 3 && /^\p{L}/u.test(w)) {
      capBase++;
      if (/^\p{Lu}/u.test(w)) caps++;
    }
  }
  const digits = (text.match(/\p{N}/gu) ?? []).length;
  const letters = (text.match(/[\p{L}\p{N}]/gu) ?? []).length;
  const trimmed = text.replace(/["'”’»)\]\s]+$/u, '');
  const terminal = /[.!?。！？…]$/u.test(trimmed) || (/[:;]$/.test(trimmed) && words.length >= 8);
  const sentences = (text.match(/[.!?。！？](?:["'”’»)]*)\s+(?=["'“‘«(]*\p{Lu})/gu) ?? []).length + (terminal ? 1 : 0);
  const nWords = cjk ? Math.max(words.length, Math.round(cjkChars / 2)) : words.length;
  return {
    chars: text.length,
    words: nWords,
    stopRatio: words.length ? stop / words.length : 0,
    terminal,
    sentences,
    capRatio: capBase ? caps / capBase : 0,
    digitRatio: letters ? digits / letters : 0,
    cjk,
    quote: /^["“‘«„]/u.test(text) || /["”’»]$/u.test(text),
    weight: nWords,
  };
}

export interface Verdict {
  /** Hard boilerplate: matched a pattern no article paragraph has. */
  bad: boolean;
  reason: string;
  /** The line ends an article or opens another section: the body does not run across it. */
  barrier?: boolean;
}

const FILE = /\b[\w.-]+\.(?:png|jpe?g|gif|svg|webp|bmp|ico|tiff?|avif)\b/i;
const URL_ONLY = /^(?:https?:\/\/|www\.)\S+$/i;
const EMAIL = /[\w.+-]+@[\w-]+\.[\w.-]+/;
const COPYRIGHT = /©|\(c\)\s*(?:19|20)\d\d|\bcopyright\b|all rights reserved|todos os direitos|tous droits|alle rechte|tutti i diritti|все права/i;
const JOIN = /\b(?:join|follow|like|subscribe to|find) (?:us|our)\b|\bjoin [\p{L}'’]+ (?:telegram|whatsapp|facebook|channel|newsletter|community)|\b(?:telegram|whatsapp|discord|viber) (?:channel|group)\b/iu;
const SUBSCRIBE = /\b(?:subscribe|subscription|newsletter|sign up|signup|sign in|log ?in|log ?out|register|create (?:an|your) account|my account|unlock|paywall|already a subscriber|free trial|inbox|download (?:our|the) app|get the app|enable javascript|your browser|cookies?|privacy (?:policy|notice|statement)|terms (?:of|and) (?:use|service|conditions)|advertis(?:e|ement|ing)|sponsored|promoted|affiliate|commission)\b/i;
const SHARE = /^(?:share|tweet|email|e-mail|print|pin|save|copy(?: link)?|link|comments?|reply|facebook|twitter|linkedin|reddit|pinterest|instagram|youtube|telegram|whatsapp|flipboard|kakao\w*|mailto|more|less|close|open|menu|search|home|next|previous|prev|back|top|skip|show more|load more|see more|read more|view more|continue reading|expand|collapse)\b/i;
const SECTION = /^(?:related|recommended|most (?:popular|read|viewed|shared)|top (?:\d+ )?(?:stories|news|picks)|trending|latest(?: news)?|more (?:from|on|in|stories|news)|you (?:may|might) (?:also )?like|editor'?s? picks?|popular|further reading|see also|read (?:more|next|also)|also read|watch|video|photos?|gallery|tags?|topics?|filed under|categories?|share this|follow|about (?:us|the author)|contact|advertisement|sponsored|ad|ads)\b/i;
const COMMENTS = /^(?:\d+\s+)?(?:comments?|responses?|replies|reactions)\b(?!\s+(?:on|from|by)\b)|^(?:leave|post|add|write|submit) (?:a |your )?(?:comment|reply|response)|^(?:join|start) the (?:discussion|conversation)|^(?:show|view|hide|load|read|see) (?:all |more |the )?(?:\d+ )?comments?|\bcomments? (?:are|is) (?:closed|moderated|subject)|\b(?:said|says|wrote):\s*$|^\d+\s+(?:responses?|comments?) to\b|^reply(?: to)?\b|^(?:sort|order) by\b|\bcommunity guidelines\b|^(?:log|sign) in to (?:comment|reply)/i;
const END = /^(?:first published|originally published|published (?:on|in)|this (?:article|story|post) (?:was|first|originally)|(?:©|copyright)\b)|\ball rights reserved\b/i;
const RELATED = /^(?:related(?: (?:articles?|stories|posts|content|coverage|news|links|reading|videos?))?|recommended(?: for you| stories| articles| reading)?|(?:most|more) (?:popular|read|viewed|shared|emailed|commented)|top (?:\d+ )?(?:stories|news|picks|headlines)|trending(?: now| stories| news)?|more (?:from|stories|news|articles|headlines)\b.*|you (?:may|might) (?:also )?(?:like|enjoy|be interested)|(?:editor'?s?|staff) picks?|further reading|see also|read (?:more|next|also)|also (?:read|on|see)|what to read next|latest (?:news|stories|headlines|articles)|around the web|from (?:our|the) (?:partners|web)|sponsored (?:content|stories|links)|promoted (?:content|stories)|other (?:stories|news)|more in\b.*|in (?:other|case you missed)|don'?t miss|next up|up next)\b[:\s]*$/i;
const CREDIT = /\b(?:photo|image|picture|pic|illustration|graphic|video|credit|source|file photo|foto|imagem)s?\s*(?:[:/|]|by\b|credit\b)|\((?:AP|AFP|Reuters|Getty|EPA|Bloomberg|Shutterstock|Xinhua|Yonhap)[^)]*\)\s*$|(?:Getty Images|Shutterstock|AP Photo|iStock(?:photo)?|AFP|Reuters|EPA|Bloomberg|Associated Press)(?:\/[\w .]+)?\s*$|\p{Ll}(?:Credit|Photo|Image|Picture)s?:\s/iu;
// Wire-photo caption phrasing: "... shake hands in this June 2019 photo", "... / Agency file".
const CAPTION = /\b(?:in|on) this (?:[\p{L}\d.,]+\s+){0,4}(?:file |handout |undated |combination |aerial )?(?:photo(?:graph)?|picture|image|photo illustration)\b|\/\s*\p{Lu}[\p{L}.' ]{1,40}\s(?:file|photo)s?\s*$|^\s*(?:photo|pictured|above|top|left|right|inset)\s*[:\-–]/iu;
const PHONE = /\b(?:tel|phone|fax|call us|mobile)\b\s*[.:]?\s*[+(]?\d/i;
const REGISTRATION = /\bregistration (?:no|number)\b|\bregistered (?:in|office|number)\b|\bcompany (?:no|number)\b|\b(?:ISSN|ABN|VAT)\b/i;
const MONTHS = 'jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|september|october|november|december';
const DATEISH = new RegExp(
  String.raw`\b(?:\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}|\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?|(?:${MONTHS})\.?\s+\d{1,2}(?:st|nd|rd|th)?,?(?:\s+\d{4})?|\d{1,2}\s+(?:${MONTHS})\.?(?:\s+\d{4})?|(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day)?\b\.?,?|\d+\s*(?:min(?:ute)?s?|h|hours?|hrs?|days?|weeks?|months?|years?)\s+ago|(?:updated|posted|published|modified|last updated|edited)\b\s*:?|\d\s*[ap]\.?m\b\.?|\b(?:EDT|EST|CDT|CST|PDT|PST|GMT|UTC|BST|KST|IST|CET|CEST|ET)\b)`,
  'gi',
);

/** Hard boilerplate checks: patterns an article paragraph essentially never has. */
export function verdict(full: string, f: Features): Verdict {
  const short = f.words <= 12;
  // Labels come wrapped in brackets, counts and arrows: "[ 12 comments ]", "» Related".
  const text = full.replace(/^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu, '') || full;
  if (/^(?:filed under|tags?|topics?|categories|posted in)\s*:/i.test(text) && f.words <= 25)
    return { bad: true, reason: 'tags line', barrier: true };
  if (FILE.test(full) && (short || (full.match(new RegExp(FILE.source, 'gi')) ?? []).length * 4 >= f.words))
    return { bad: true, reason: 'image or file name' };
  if (URL_ONLY.test(full.trim())) return { bad: true, reason: 'bare URL' };
  if (!/[\p{L}]/u.test(full)) return { bad: true, reason: 'no letters (numbers or symbols only)' };
  if (COPYRIGHT.test(text) && f.words <= 40) return { bad: true, reason: 'copyright line', barrier: true };
  if (END.test(text) && f.words <= 25) return { bad: true, reason: 'end-of-article line', barrier: true };
  if (COMMENTS.test(text) && f.words <= 25) return { bad: true, reason: 'comment section', barrier: true };
  if (RELATED.test(text) && f.words <= 8) return { bad: true, reason: 'related-stories heading', barrier: true };
  if (JOIN.test(text) && f.words <= 30) return { bad: true, reason: 'join/follow prompt' };
  if (EMAIL.test(text) && f.words <= 15) return { bad: true, reason: 'email address line' };
  if (PHONE.test(text) && f.words <= 15) return { bad: true, reason: 'phone line' };
  if (REGISTRATION.test(text) && f.words <= 20) return { bad: true, reason: 'registration line' };
  if (SUBSCRIBE.test(text) && f.words <= 14 && !(f.terminal && f.stopRatio >= 0.3 && f.words >= 10))
    return { bad: true, reason: 'subscribe / account / ad prompt' };
  if (SHARE.test(text) && f.words <= 4) return { bad: true, reason: 'share or navigation control' };
  if (SECTION.test(text) && f.words <= 8 && !f.terminal) return { bad: true, reason: 'related / section label' };
  if (CREDIT.test(text) && f.words <= 60) return { bad: true, reason: 'photo caption or credit' };
  if (CAPTION.test(full) && f.words <= 80) return { bad: true, reason: 'photo caption' };
  // Gallery captions carry their expand/collapse control: "... more", ". less", "1 of 23".
  if (/(?:\.\.\.|…)\s*more$|[.!?]["”’]?\s+(?:less|more)$|^(?:image|photo|slide|picture)\s+\d+\s+(?:of|\/)\s*\d*/i.test(full.trim()))
    return { bad: true, reason: 'gallery caption' };
  const undated = full.replace(DATEISH, ' ').replace(/[\s\p{P}\p{S}\d]+/gu, ' ').trim();
  if (undated.length <= 3 && text.length > 3) return { bad: true, reason: 'date or time stamp' };
  if (/^\d{1,2}(?:\p{Lu}|[[(“"‘'])/u.test(full) && !f.terminal) return { bad: true, reason: 'numbered top-story item' };
  if (/^by\s+\p{Lu}/iu.test(text) && f.words <= 10 && !/[.!?]$/.test(full)) return { bad: true, reason: 'byline' };
  if (DATEISH.test(text) && f.words <= 10 && !f.terminal) {
    DATEISH.lastIndex = 0;
    return { bad: true, reason: 'dateline or timestamp with label' };
  }
  DATEISH.lastIndex = 0;
  return { bad: false, reason: '' };
}

/** Prose judgement: how much a unit reads like an article paragraph. */
export function prose(f: Features): 'good' | 'near' | 'short' {
  if (f.cjk) {
    if (f.chars >= 60 && f.terminal) return 'good';
    if (f.chars >= 25 && (f.terminal || f.sentences > 0)) return 'near';
    return 'short';
  }
  const titleLike = f.capRatio > 0.7 && !f.terminal;
  // A paragraph ends like a sentence; an unpunctuated line is a headline or link title
  // unless it is too long to be one.
  if (f.words >= 10 && !titleLike && f.terminal && f.stopRatio >= 0.12) return 'good';
  if (f.words >= 30 && f.stopRatio >= 0.2) return 'good';
  if (f.words >= 6 && f.terminal && f.stopRatio >= 0.1 && !titleLike) return 'near';
  return 'short';
}
