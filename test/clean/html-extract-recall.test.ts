import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractArticle } from '../../src/clean/html/extract.js';

// Pages written for these tests: each puts the story's parts in separate boxes, the way
// recipe, product and magazine templates do, next to furniture that must stay out.

const NAV = `<header class="site-header"><a href="/">Kitchen Notes</a>
  <nav><ul><li><a href="/recipes">Recipes</a></li><li><a href="/baking">Baking</a></li><li><a href="/about">About us</a></li></ul></nav></header>`;
const FOOTER = `<footer><p>© 2024 Kitchen Notes. All rights reserved.</p><a href="/imprint">Imprint</a></footer>`;

const STEPS = [
  'Heat the oven to 180 degrees and line a square tin with baking paper, leaving some overhang on two sides so the cake lifts out easily.',
  'Beat the butter and sugar together for a good five minutes, until the mixture is pale and fluffy, then add the eggs one at a time.',
  'Fold in the flour and the grated lemon zest with a large spoon, working gently so the air you beaten in is not knocked out again.',
  'Bake for about forty minutes, until a skewer pushed into the middle comes out clean, then leave the cake to cool in the tin completely.',
];
const INGREDIENTS = ['200 g butter', '180 g sugar', '4 eggs', '220 g self-raising flour', '2 unwaxed lemons', 'a pinch of salt'];

const MORE = [
  'Orange and almond cake with a sticky glaze', 'Classic Victoria sponge for beginners', 'Blueberry muffins in twenty minutes',
  'Chocolate brownies without a mixer', 'Carrot cake with cream cheese frosting', 'Lemon drizzle loaf for a crowd',
  'Banana bread with walnuts and honey', 'Apple crumble bars for lunch boxes', 'Ginger biscuits that stay chewy',
  'Raspberry and white chocolate blondies', 'Coffee and walnut layer cake', 'Cherry Bakewell slices made simple',
  'Sticky toffee pudding for Sunday lunch', 'Rhubarb and custard tart', 'Oat flapjacks with dried apricots', 'Pear and ginger upside-down cake',
];

// The page's column holds the story's parts and a large "more recipes" grid: the grid
// costs the column more than the intro and the list add, so the method box alone is the
// best-scoring container and the rest of the recipe sits in its sibling boxes.
const RECIPE = `<!doctype html><html><head><title>Lemon traybake | Kitchen Notes</title></head><body>
${NAV}
<div id="page"><div class="recipe-page">
  <h1>Lemon traybake</h1>
  <div class="recipe-summary"><p>A soft, sharp lemon cake baked in one tin, ready in an hour and easy to carry to a picnic.</p></div>
  <div class="recipe-box">
    <h2>Ingredients</h2>
    <ul class="ingredients">${INGREDIENTS.map((i) => `<li>${i}</li>`).join('')}</ul>
  </div>
  <div class="recipe-method">
    <h2>Method</h2>
    ${STEPS.map((s) => `<p>${s}</p>`).join('\n    ')}
  </div>
  <div class="after-box"><h3>Never miss a recipe</h3><p>Get our weekly email with new recipes, seasonal tips and the best reader creations, free every Friday morning.</p></div>
  <div class="grid"><h3>You might also like</h3><ul>${MORE.map((m, i) => `<li><a href="/r/${i}">${m}</a></li>`).join('')}</ul></div>
</div></div>
${FOOTER}
</body></html>`;

test('a recipe keeps its intro and the ingredient list from sibling boxes', () => {
  const r = extractArticle(RECIPE);
  for (const s of STEPS) assert.ok(r.text.includes(s), `step missing: ${s.slice(0, 30)}`);
  assert.ok(r.text.includes('A soft, sharp lemon cake baked in one tin'), 'intro blurb kept');
  assert.ok(r.text.includes(INGREDIENTS.join('\n')), 'ingredient list kept, one item per line');
  assert.ok(r.text.includes('Ingredients'), 'heading introducing the list kept');
  assert.ok(r.text.indexOf('200 g butter') < r.text.indexOf(STEPS[0]), 'page order kept');
  assert.ok(r.evidence.some((e) => e.includes('extended')), 'kept by extending the container, not by choosing the column');
});

test('a related-links box and a newsletter pitch after the story stay out', () => {
  const r = extractArticle(RECIPE);
  for (const junk of [...MORE, 'You might also like', 'weekly email', 'Never miss', 'Baking', '©', 'Imprint']) {
    assert.ok(!r.text.includes(junk), `should not contain ${junk}`);
  }
});

test('a link list beside the story is not taken for a list of content', () => {
  const html = `<html><body><div class="wrap">
    <div class="box"><h2>Latest</h2><ul>
      <li><a href="/1">Council delays vote on the new harbour bridge</a></li>
      <li><a href="/2">School meals budget raised for next year</a></li>
      <li><a href="/3">Library opening hours extended in winter</a></li></ul></div>
    <div class="text">${STEPS.map((s) => `<p>${s}</p>`).join('')}</div>
  </div></body></html>`;
  const r = extractArticle(html);
  assert.ok(r.text.includes(STEPS[0]));
  assert.ok(!r.text.includes('harbour bridge'));
  assert.ok(!r.text.includes('Latest'), 'a heading whose content was dropped goes with it');
});

const P1 = 'Rents in the city rose faster than wages for the fourth year running, according to figures published on Monday by the statistics office.';
const P2 = 'The steepest increases were recorded in the northern districts, where new rail links have drawn families priced out of the centre.';
const P3 = 'Tenant groups called for a cap on increases, while landlords said higher costs for repairs and energy had left them little choice.';

test('a data table inside an article is kept row by row', () => {
  const html = `<html><body>${NAV}<article><h1>Rents outpace wages again</h1>
    <div class="story"><p>${P1}</p><p>${P2}</p>
    <table class="data"><thead><tr><th>District</th><th>Average rent</th><th>Change</th></tr></thead>
      <tbody><tr><td><a href="/north">North</a></td><td>1,240</td><td>+7.9%</td></tr>
      <tr><td>Centre</td><td>1,610</td><td>+4.1%</td></tr>
      <tr><td>South</td><td>980</td><td>+3.2%</td></tr></tbody></table>
    <p>${P3}</p></div></article>${FOOTER}</body></html>`;
  const r = extractArticle(html);
  for (const p of [P1, P2, P3]) assert.ok(r.text.includes(p));
  const rows = r.blocks.filter((b) => b.block === 'table-row').map((b) => r.text.slice(b.start, b.end));
  assert.deepEqual(rows, ['District\tAverage rent\tChange', 'North\t1,240\t+7.9%', 'Centre\t1,610\t+4.1%', 'South\t980\t+3.2%']);
  assert.ok(r.text.indexOf('District') > r.text.indexOf(P2) && r.text.indexOf('District') < r.text.indexOf(P3));
});

test('the lead in the article head is kept, the site header and stamps are not', () => {
  const lead = 'Figures out on Monday show rents rising faster than pay for a fourth year, with the north of the city hit hardest.';
  const html = `<html><body>${NAV}<main><article>
    <div class="article-header"><h1>Rents outpace wages again</h1><p class="lead">${lead}</p>
      <p class="stamp">Published: 10:48, Mon, Mar 4, 2024 | Updated: 11:05, Mon, Mar 4, 2024</p></div>
    <div class="article-main"><div class="story-text"><p>${P1}</p><p>${P2}</p><p>${P3}</p></div>
      <p class="views">Views:</p><p>1120</p></div>
  </article></main>${FOOTER}</body></html>`;
  const r = extractArticle(html);
  assert.ok(r.text.startsWith(lead), 'lead first');
  for (const p of [P1, P2, P3]) assert.ok(r.text.includes(p));
  for (const junk of ['Rents outpace wages again', 'Published', 'Views:', 'Recipes', 'Kitchen Notes']) {
    assert.ok(!r.text.includes(junk), `should not contain ${junk}`);
  }
  assert.equal(r.title, 'Rents outpace wages again');
});

test('a label keeps its place when a list follows it', () => {
  const html = `<html><body><div class="story">
    <p>${STEPS[0]}</p><p>For the glaze:</p><ul><li>100 g icing sugar</li><li>juice of one lemon</li></ul><p>${STEPS[3]}</p>
  </div></body></html>`;
  const r = extractArticle(html);
  assert.ok(r.text.includes('For the glaze:\n\n100 g icing sugar\njuice of one lemon'));
});
