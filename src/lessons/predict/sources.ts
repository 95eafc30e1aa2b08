// Images from outside the dataset for the predict cell: an uploaded photo and a webcam frame, as RGBA pixels.
// The model squashes whatever it gets to 224×224 (the lesson's CropType.NO); here we only cap the size kept
// for display. The camera starts only when the user asks and is always stopped by stopCamera().
import type { RgbaImage } from "../../data/types";
import { errorText } from "../../errors";

/** Longest side kept for display (the model sees a 224×224 squash of it). */
export const MAX_SIDE = 640;

function toRgba(source: CanvasImageSource, w: number, h: number): RgbaImage {
  const s = Math.min(1, MAX_SIDE / Math.max(w, h));
  const width = Math.max(1, Math.round(w * s));
  const height = Math.max(1, Math.round(h * s));
  const canvas = document.createElement("canvas");
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext("2d");
  if (!ctx) throw new Error("no 2D canvas in this browser");
  ctx.drawImage(source, 0, 0, width, height);
  const { data } = ctx.getImageData(0, 0, width, height);
  return { width, height, data };
}

/** Decode an image file the user picked; the error names the file. */
export async function fileToRgba(file: File): Promise<RgbaImage> {
  if (file.type && !file.type.startsWith("image/")) {
    throw new Error(`${file.name}: not an image (${file.type})`);
  }
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch (e) {
    throw new Error(`${file.name}: this browser cannot decode it (${errorText(e)})`);
  }
  try {
    return toRgba(bitmap, bitmap.width, bitmap.height);
  } finally {
    bitmap.close();
  }
}

/** Ask for the camera. Rejects with a readable message when it is absent, denied or busy. */
export async function startCamera(video: HTMLVideoElement): Promise<MediaStream> {
  if (!navigator.mediaDevices?.getUserMedia) {
    throw new Error(
      "This browser offers no camera here (getUserMedia needs a secure page: https or localhost).",
    );
  }
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 }, audio: false });
  } catch (e) {
    const name = e instanceof DOMException ? e.name : "";
    const why =
      name === "NotAllowedError"
        ? "permission was denied"
        : name === "NotFoundError" || name === "OverconstrainedError"
          ? "no camera was found"
          : name === "NotReadableError"
            ? "the camera is in use by another program"
            : e instanceof Error
              ? e.message
              : String(e);
    throw new Error(`Camera not available: ${why}. Use a validation image or upload a photo instead.`);
  }
  video.srcObject = stream;
  video.muted = true;
  video.playsInline = true;
  await video.play();
  return stream;
}

export function stopCamera(stream: MediaStream | null, video?: HTMLVideoElement | null): void {
  for (const t of stream?.getTracks() ?? []) t.stop();
  if (video) video.srcObject = null;
}

/** The current webcam frame as pixels. */
export function grabFrame(video: HTMLVideoElement): RgbaImage {
  if (!video.videoWidth) throw new Error("the camera has not delivered a frame yet");
  return toRgba(video, video.videoWidth, video.videoHeight);
}
