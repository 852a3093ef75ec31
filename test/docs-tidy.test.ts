// Docs pages are tidied as they are rendered (render/index.ts, tidyMarkdown): one blank line at most between blocks,
// no trailing spaces, no blank line at either end, one final newline, after the header. The page is made in one
// copy when the template's output starts with text; every other shape takes the general path. Both must give what
// the rule says, for any template output (a user's template may print anything).
import { buildModel } from "../generator/model";
import { markdownHeader, renderDocs, templateSet } from "../generator/render";
import { miniSpec, tempDir } from "./helpers";
import { FACTS, specOf } from "./validators-harness";

/** The rule, written plainly. */
function tidied(text: string): string {
  return `${text.replace(/[ \t]+$/gm, "").replace(/\n{3,}/g, "\n\n").trim()}\n`;
}

describe("docs pages", () => {
  it.each([
    ["already tidy", "# Title\n\nText.\n"],
    ["no final newline", "# Title\n\nText."],
    ["trailing blank lines and spaces", "# Title  \n\n\n\nText.\t\n\n\n"],
    ["leading blank lines", "\n\n# Title\n"],
    ["leading spaces", "   # Title\n"],
    ["carriage returns", "# Title\r\n\r\nText.\r\n"],
    ["only whitespace", " \n\t\n"],
    ["empty", ""],
  ])("a template output that is %s becomes the header and the tidied text", (_name, output) => {
    const dir = tempDir();
    try {
      // A template with no fields prints its text as it is: what the page must hold is the rule applied to it.
      dir.write("docs-operation.md.hbs", output);
      const model = buildModel(specOf(miniSpec())).model;
      const pages = renderDocs(model, FACTS, templateSet(dir.path, "tpl"), { outputs: ["docs"] }).filter((f) => f.path !== "docs/README.md");
      expect(pages.length).toBeGreaterThan(0);
      for (const page of pages) expect(page.text).toBe(markdownHeader(FACTS.specFile) + tidied(output));
    } finally {
      dir.cleanup();
    }
  });
});
