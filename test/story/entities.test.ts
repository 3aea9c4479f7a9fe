import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Doc, type EntityType, emptyFacts } from '../../src/core/doc.js';
import { entityForSpeaker, resolveEntities } from '../../src/story/entities.js';
import { nameParts, spellingVariants, surnameForms } from '../../src/language/names.js';

/** A Doc whose entity spans are the given surfaces, located in order in the text. */
function docWith(id: string, text: string, mentions: [string, EntityType][]): Doc {
  const spans: Doc['spans'] = [];
  let from = 0;
  for (const [surface, type] of mentions) {
    const at = text.indexOf(surface, from);
    assert.ok(at >= 0, `mention "${surface}" not in text`);
    spans.push({ kind: 'entity', start: at, end: at + surface.length, type });
    from = at + surface.length;
  }
  return { id, raw: { source: id, url: null, format: 'text', encoding: 'utf-8', encodingEvidence: '', fetchedAt: '2024-01-01T00:00:00Z' }, rawText: text, text, spans, facts: emptyFacts() };
}

test('name parts: titles, possessives, hyphen and space variants', () => {
  assert.equal(nameParts('US President Donald Trump').display, 'Donald Trump');
  assert.deepEqual(nameParts('US President Donald Trump').titles, ['us', 'president']);
  assert.equal(nameParts("Merkel's").key, 'merkel');
  assert.equal(nameParts('Lee Jae-myung').key, nameParts('Lee Jae Myung').key);
  assert.equal(nameParts('Gabriel García Márquez').key, 'gabrielgarciamarquez');
  assert.ok(surnameForms(nameParts('Moon Jae-in')).includes('moon'));
  assert.ok(surnameForms(nameParts('Angela Merkel')).includes('merkel'));
  // A Chinese name with a one-word given name still puts the family name first.
  assert.deepEqual(surnameForms(nameParts('Wang Yi')).sort(), ['wang', 'yi']);
  assert.ok(!surnameForms(nameParts('Angela Merkel')).includes('angela'));
  assert.ok(surnameForms(nameParts('Gabriel García Márquez')).includes('garciamarquez'));
});

test('spelling variants merge; different given names under one family name never do', () => {
  assert.equal(spellingVariants(nameParts('Muammar Gaddafi'), nameParts('Moammar Gadhafi')).same, true);
  assert.equal(spellingVariants(nameParts('Park Geun-hye'), nameParts('Park Ji-sung')).same, false);
  assert.equal(spellingVariants(nameParts('Lee Jae-myung'), nameParts('Lee Jae-yong')).same, false);
  assert.equal(spellingVariants(nameParts('Kim Jong Un'), nameParts('Kim Jong-un')).same, true);
});

test('one person across documents under different spellings, surname-only mentions attached', () => {
  const a = docWith('docaaaaaaaa', 'Opposition leader Lee Jae-myung spoke in Busan. Lee said the vote was fair.', [['Lee Jae-myung', 'person'], ['Busan', 'place'], ['Lee', 'person']]);
  const b = docWith('docbbbbbbbb', "Lee Jae Myung's party won. Samsung chairman Lee Jae-yong declined to comment.", [['Lee Jae Myung', 'person'], ['Samsung', 'organization'], ['Lee Jae-yong', 'person']]);
  const res = resolveEntities([a, b]);
  const people = res.entities.filter((e) => e.type === 'person');
  const myung = people.find((e) => e.name.startsWith('Lee Jae') && e.aliases.concat(e.name).some((n) => /myung/i.test(n)));
  assert.ok(myung, 'Lee Jae-myung resolved');
  assert.equal(myung!.mentions.length, 3, 'full mention in each doc + the lone "Lee" in doc a');
  const yong = people.find((e) => /yong$/.test(e.name));
  assert.ok(yong && yong.id !== myung!.id, 'Lee Jae-yong is a different person');
  assert.ok(myung!.evidence.some((e) => e.includes('the only person with that family name')));
});

test('"Park" alone after two different Parks stays unmerged, with the reason', () => {
  const d = docWith('docpppppppp', 'Park Geun-hye met Park Ji-sung at the stadium. Park said it was an honour.', [['Park Geun-hye', 'person'], ['Park Ji-sung', 'person'], ['Park', 'person']]);
  const res = resolveEntities([d]);
  const people = res.entities.filter((e) => e.type === 'person');
  assert.equal(people.length, 3);
  const lone = people.find((e) => e.name === 'Park');
  assert.ok(lone?.evidence.some((e) => e.includes('ambiguous')));
});

test('a dominant namesake takes the surname; roles resolve speakers', () => {
  const text = 'North Korean leader Kim Jong-un met envoys. Kim Jong-un smiled. Officials praised Kim Jong-un. His aide Kim Yo-han stayed home. Kim said talks would go on.';
  const d = docWith('dockkkkkkkk', text, [['Kim Jong-un', 'person'], ['Kim Jong-un', 'person'], ['Kim Jong-un', 'person'], ['Kim Yo-han', 'person'], ['Kim', 'person']]);
  const res = resolveEntities([d]);
  const kju = res.entities.find((e) => e.name === 'Kim Jong-un');
  assert.equal(kju?.mentions.length, 4);
  assert.equal(entityForSpeaker(res, d.id, { name: 'the North Korean leader' }).entity, kju?.id);
});

test('organisations merge with their acronym', () => {
  const d = docWith('docoooooooo', 'The United Nations imposed sanctions. The UN later eased them.', [['United Nations', 'organization'], ['UN', 'organization']]);
  const res = resolveEntities([d]);
  assert.equal(res.entities.length, 1);
  assert.ok(res.entities[0].evidence.some((e) => e.includes('acronym')));
});

test('a compound family name alone joins the full name it ends', () => {
  const d = docWith('docccccccccc', 'Professor Ana Ruiz Ortega led the study. Ms Ruiz Ortega said more work was needed.', [['Ana Ruiz Ortega', 'person'], ['Ruiz Ortega', 'person']]);
  const res = resolveEntities([d]);
  assert.equal(res.entities.length, 1);
  assert.equal(res.entities[0].mentions.length, 2);
  assert.ok(res.entities[0].evidence.some((e) => e.includes('family name')));
});

test('speakers: a person inside a role phrase, a family name alone, a role description', () => {
  const text = 'US President Lena Marsh met Chief Justice Omar Haddad. Later the US President said talks went well. Haddad said the court would rule soon.';
  const d = docWith('docsssssssss', text, [['US', 'place'], ['Lena Marsh', 'person'], ['Omar Haddad', 'person'], ['US', 'place']]);
  const res = resolveEntities([d]);
  const marsh = res.entities.find((e) => e.name === 'Lena Marsh')!;
  const haddad = res.entities.find((e) => e.name === 'Omar Haddad')!;
  const at = text.indexOf('US President Lena Marsh');
  assert.equal(entityForSpeaker(res, d.id, { name: 'US President Lena Marsh', start: at, end: at + 23 }).entity, marsh.id);
  assert.equal(entityForSpeaker(res, d.id, { name: 'Haddad' }).entity, haddad.id);
  assert.equal(entityForSpeaker(res, d.id, { name: 'the US President' }).entity, marsh.id);
});

test('a role used alone resolves through the other documents that introduce it', () => {
  const a = docWith('docr1rrrrrrr', 'Harbour Minister Ivo Petrak opened the new terminal on Monday.', [['Ivo Petrak', 'person']]);
  const b = docWith('docr2rrrrrrr', 'The terminal was busy. The Harbour Minister said it would create jobs.', []);
  const res = resolveEntities([a, b]);
  const petrak = res.entities.find((e) => e.name === 'Ivo Petrak')!;
  assert.equal(entityForSpeaker(res, b.id, { name: 'the Harbour Minister' }).entity, petrak.id);
});

test('a particle-led full name takes its family name on second reference', () => {
  const d = docWith('docvvvvvvvvv', 'Analyst Van Jackson was doubtful. Jackson said the talks would fail.', [['Van Jackson', 'person'], ['Jackson', 'person']]);
  const res = resolveEntities([d]);
  assert.equal(res.entities.length, 1);
  assert.equal(res.entities[0].mentions.length, 2);
});

test('organisation-shaped "people" are typed as organisations', () => {
  const d = docWith('docggggggggg', 'Pollster Vantage MORI asked voters. Analysts at Harlow Holdings agreed with Jo Reyes.', [['Vantage MORI', 'person'], ['Harlow Holdings', 'person'], ['Jo Reyes', 'person']]);
  const res = resolveEntities([d]);
  assert.equal(res.entities.find((e) => e.name === 'Vantage MORI')?.type, 'organization');
  assert.equal(res.entities.find((e) => e.name === 'Harlow Holdings')?.type, 'organization');
  assert.equal(res.entities.find((e) => e.name === 'Jo Reyes')?.type, 'person');
});

test('places keep the words that titles would be for people, and one name typed two ways is one entity', () => {
  const a = docWith('docnorthhhh', 'North Korea fired a missile. South Korea protested. North Korea said it was a test.', [
    ['North Korea', 'place'],
    ['South Korea', 'place'],
    ['North Korea', 'organization'],
  ]);
  const b = docWith('docministry', 'The South Korean Foreign Ministry and the North Korean Foreign Ministry both spoke.', [
    ['South Korean Foreign Ministry', 'organization'],
    ['North Korean Foreign Ministry', 'organization'],
  ]);
  const res = resolveEntities([a, b]);
  const names = res.entities.map((e) => `${e.type}:${e.name}:${e.mentions.length}`).sort();
  assert.deepEqual(names, [
    'organization:North Korean Foreign Ministry:1',
    'organization:South Korean Foreign Ministry:1',
    'place:North Korea:2',
    'place:South Korea:1',
  ]);
  // A person's title is still no part of the name.
  assert.equal(nameParts('North Korean leader Kim Jong-un').display, 'Kim Jong-un');
  assert.equal(nameParts('North Korea', { person: false }).display, 'North Korea');
});
