// The lesson's pipelines: the training augmentations (max 3° half the time, lighting 0.05, flips), the 30°
// demo it warns about, and `tfms_from_model(..., crop_type=CropType.NO)`: Scale(sz) → augs → NoCrop(sz).
import {
  CenterCrop,
  NoCrop,
  type Pipeline,
  RandomCrop,
  RandomFlip,
  RandomLighting,
  RandomRotate,
  Scale,
  type TfmY,
  type Transform,
} from "./transforms";

/** Lesson (pascal-multi, training): RandomRotate(3, p=0.5), RandomLighting(0.05, 0.05), RandomFlip(). */
export function lessonAugs(tfmY: TfmY = "coord"): Transform[] {
  return [RandomRotate(3, 0.5, { tfmY }), RandomLighting(0.05, 0.05, { tfmY }), RandomFlip({ tfmY })];
}

/** Lesson (the demo that warns): RandomFlip(), RandomRotate(30), RandomLighting(0.1, 0.1). */
export function demoAugs30(tfmY: TfmY = "coord"): Transform[] {
  return [RandomFlip({ tfmY }), RandomRotate(30, 0.75, { tfmY }), RandomLighting(0.1, 0.1, { tfmY })];
}

export type CropType = "no" | "center" | "random";

/**
 * Lesson: `tfms_from_model(f_model, sz, aug_tfms=augs, crop_type=..., tfm_y=...)` without normalisation:
 * Scale(sz) → augs in order → the crop (NoCrop = squish to sz × sz; the lesson's SSD uses CropType.NO).
 * `tfmY` applies to Scale and the crop (the augmentations keep their own).
 */
export function tfmsFromModel(
  sz: number,
  augs: Pipeline = [],
  opts: { crop?: CropType; tfmY?: TfmY } = {},
): Transform[] {
  const tfmY = opts.tfmY ?? "coord";
  const crop = opts.crop ?? "no";
  const last =
    crop === "no"
      ? NoCrop(sz, { tfmY })
      : crop === "center"
        ? CenterCrop(sz, { tfmY })
        : RandomCrop(sz, { tfmY });
  return [Scale(sz, { tfmY }), ...augs, last];
}

/** The lesson's validation pipeline: Scale(224) → NoCrop(224). */
export function validationPipeline(sz = 224): Transform[] {
  return tfmsFromModel(sz);
}

/** The lesson's training pipeline: Scale(224) → lessonAugs → NoCrop(224). */
export function trainingPipeline(sz = 224, tfmY: TfmY = "coord"): Transform[] {
  return tfmsFromModel(sz, lessonAugs(tfmY), { tfmY });
}
