// The voc_xml vectors op against the reference cases of ../shared/reference/vectors.json.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ops } from "../../../scripts/vectors/ops-data";
import { runCase } from "../../../scripts/vectors/registry";

const ref = JSON.parse(
  readFileSync(join(__dirname, "../../../../shared/reference/vectors.json"), "utf8"),
) as {
  cases: { id: string; op: string; args: { xml: string }; expect: unknown }[];
};
const cases = ref.cases.filter((c) => c.op === "voc_xml");

describe("voc_xml op", () => {
  it("has reference cases", () => expect(cases.length).toBeGreaterThan(0));
  it.each(cases.map((c) => [c.id, c] as const))("%s", async (_id, c) => {
    expect(await runCase(ops, c)).toEqual({ id: c.id, result: c.expect });
  });
  it("defaults pose/truncated/difficult, keeps decimals, trims text, ignores <part> boxes", async () => {
    const xml =
      "<annotation><filename> a.jpg </filename><size><width>10.5</width><height>20</height><depth>3</depth></size>" +
      "<object><name> dog </name><bndbox><xmin>1.5</xmin><ymin>2</ymin><xmax>3</xmax><ymax>4</ymax></bndbox>" +
      "<part><name>head</name><bndbox><xmin>9</xmin><ymin>9</ymin><xmax>9</xmax><ymax>9</ymax></bndbox></part></object></annotation>";
    expect(await runCase(ops, { id: "x", op: "voc_xml", args: { xml } })).toEqual({
      id: "x",
      result: {
        filename: "a.jpg",
        width: 10.5,
        height: 20,
        depth: 3,
        objects: [{ name: "dog", pose: "Unspecified", truncated: 0, difficult: 0, box: [1.5, 2, 3, 4] }],
      },
    });
  });
  it("gives malformed XML an error", async () => {
    const r = await runCase(ops, {
      id: "m",
      op: "voc_xml",
      args: { xml: "<annotation><object></annotation>" },
    });
    expect(r).toEqual({ id: "m", error: expect.stringMatching(/^malformed XML/) });
  });
});
