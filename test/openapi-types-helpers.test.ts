// The fast stand-ins for openapi-typescript's getEntries and createRef must answer exactly as the originals do, for
// the inputs their fast paths take and for those they hand back to the original.
import { dirname, join } from "node:path";
import { fastCreateRef, fastGetEntries, withFastHelpers, type OpenApiTsHelpers } from "../generator/render/openapi-types-helpers";

const utils = require(join(dirname(require.resolve("openapi-typescript")), "lib", "utils.cjs")) as OpenApiTsHelpers;

const TOKENS = ["", "a", "paths", "/a/{b}", "~", "~0", "~1", "a~b", "%7B", "%", "%E0%A4%A", "#", "#/", "#/a", "#/a/b", "#/a//b", "#/a/", "#/~1x", "#/~01", "#/~10", "#/a~2", "#/~", "#/a~", "#/paths/~1a~0b/get", "#/%7Bx%7D", "#/a#/b", "x#/y", "a#b", "0", "é/ü", "#/components/schemas/Pet", "#/paths/~1pets~1{id}/get"];
const PARTS: unknown[] = [...TOKENS, undefined, null, 0, 7, -1, 1.5, 1e21, NaN];

describe("openapi-typescript's helpers, fast", () => {
  it("createRef joins every pair and triple of parts as the original does (or throws where it throws)", () => {
    const fast = fastCreateRef(utils.createRef);
    const answer = (f: (parts: unknown[]) => string, parts: unknown[]) => {
      try {
        return f(parts);
      } catch (error) {
        return `threw ${(error as Error).name}`;
      }
    };
    let compared = 0;
    for (const a of PARTS) {
      for (const b of PARTS) {
        expect([a, b, answer(fast, [a, b])]).toEqual([a, b, answer(utils.createRef, [a, b])]);
        expect(answer(fast, [a, b, "c"])).toBe(answer(utils.createRef, [a, b, "c"]));
        compared += 2;
      }
    }
    expect(compared).toBe(PARTS.length * PARTS.length * 2);
    expect(answer(fast, ["%E0%A4%A"])).toBe(answer(utils.createRef, ["%E0%A4%A"])); // a plain part is not decoded
    expect(answer(fast, ["#/%E0%A4%A"])).toMatch(/^threw URIError$/); // a pointer part is, as in the original
  });

  it("getEntries sorts as the original does: numbers by value, case and accents as en-US orders them", () => {
    const object = Object.fromEntries(["b", "a10", "a9", "A9", "á", "a", "_x", "200", "30", "Z", "é", "e", "$ref", "a-b", "a_b"].map((k, i) => [k, i]));
    const fast = fastGetEntries(utils.getEntries);
    expect(fast(object, { alphabetize: true })).toEqual(utils.getEntries(object, { alphabetize: true }));
    expect(fast(object, {})).toEqual(utils.getEntries(object, {}));
    const deprecated = { b: { deprecated: true }, a: {} };
    expect(fast(deprecated, { alphabetize: true, excludeDeprecated: true })).toEqual([["a", {}]]);
  });

  it("are in place only while the transform runs", () => {
    const { getEntries, createRef } = utils;
    const during = withFastHelpers(utils, () => [utils.getEntries, utils.createRef]);
    expect(during[0]).not.toBe(getEntries);
    expect(during[1]).not.toBe(createRef);
    expect([utils.getEntries, utils.createRef]).toEqual([getEntries, createRef]);
    expect(() => withFastHelpers(utils, () => { throw new Error("transform failed"); })).toThrow("transform failed");
    expect([utils.getEntries, utils.createRef]).toEqual([getEntries, createRef]);
  });
});
