// The template compiler calls helpers, field checks and the #if/#unless/#each blocks directly (render/handlebars.ts,
// callDirectly). Whatever it compiles must print what Handlebars itself prints for the same template and view.
import Handlebars from "handlebars";
import { templateSet } from "../generator/render";
import { tempDir } from "./helpers";

/** Bare `{{x}}` only (numbers and booleans print the same in both), so no helper of ours is involved in the answer. */
const TEMPLATE = [
  "{{#each items}}",
  "item {{@index}} first={{@first}} last={{@last}} n={{n}}{{#each subs}} [{{this}} at {{@index}}]{{else}} (none){{/each}}",
  "{{#if flag}}flag{{else}}no flag{{/if}} {{#unless flag}}unless{{/unless}} {{#if list}}list{{else}}empty list{{/if}}",
  "{{/each}}",
  "{{#each map}}{{#if @first}}first key{{/if}} {{this}}{{/each}}",
  "{{#each sparse}}{{@index}}={{this}} {{/each}}",
  "{{#each list}}never{{else}}no items{{/each}}",
  "{{#if zero includeZero=true}}zero counts{{/if}} {{#if zero}}never{{else}}zero is false{{/if}}",
  "",
].join("\n");

/** A parent context (`../n`, `@../index`) makes Handlebars' program wrappers necessary: these blocks take the other path. */
const WITH_PARENTS = "{{#each items}}{{#each subs}}{{../n}}:{{this}} of item {{@../index}} {{/each}}{{#if flag}}{{../zero}}{{/if}}{{/each}}\n";

const VIEW = {
  items: [
    { n: 1, subs: [10, 20], flag: true, list: [1] },
    { n: 2, subs: [], flag: 0, list: [] },
    { n: 3, subs: [30], flag: false, list: [] },
  ],
  map: { a: 1, b: 2 },
  sparse: [1, , 3], // eslint-disable-line no-sparse-arrays
  list: [],
  zero: 0,
};

describe("directly compiled templates", () => {
  it.each([
    ["with no parent contexts (every block direct)", TEMPLATE],
    ["with parent contexts (through Handlebars' wrappers)", WITH_PARENTS + TEMPLATE],
  ])("print what Handlebars prints for each, if, unless, else, @index/@first/@last and objects, %s", (_name, template) => {
    const dir = tempDir();
    try {
      dir.write("types.ts.hbs", template);
      const ours = templateSet(dir.path, "tpl").get("types.ts.hbs")(VIEW);
      const theirs = Handlebars.create().compile(template, { noEscape: true })(VIEW);
      expect(ours).toBe(theirs);
      expect(ours).toContain("item 2 first=false last=true n=3 [30 at 0]"); // the answer is not empty or trivially equal
      expect(ours).toContain("0=1 2=3 \n"); // a hole is skipped, the next item keeps its index
    } finally {
      dir.cleanup();
    }
  });
});
