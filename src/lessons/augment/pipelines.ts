// The augmentations the cell offers: the lesson's demo pipeline with the slider's angle, or its training augs.
import { lessonAugs } from "../../augment/presets";
import { RandomFlip, RandomLighting, RandomRotate, type Transform } from "../../augment/transforms";

export type AugSet = "demo" | "training";

/** The pipeline shown: the lesson's demo (flip, rotate up to `deg`, lighting 0.1) or its training augs. */
export function pipelineFor(set: AugSet, deg: number): { augs: Transform[]; text: string } {
  if (set === "training")
    return {
      augs: lessonAugs(),
      text: "RandomRotate(3, p=0.5), RandomLighting(0.05, 0.05), RandomFlip()",
    };
  return {
    augs: [RandomFlip(), RandomRotate(deg, 0.75), RandomLighting(0.1, 0.1)],
    text: `RandomFlip(), RandomRotate(${deg}), RandomLighting(0.1, 0.1)`,
  };
}
