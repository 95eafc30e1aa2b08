// Draws decoded pixels (RgbaImage) on a canvas, scaled to the size asked for.
import { useEffect, useRef } from "react";
import type { RgbaImage } from "../data/types";

export function RgbaCanvas({
  image,
  width,
  height,
  label,
}: {
  image: RgbaImage;
  width: number;
  height: number;
  label: string;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext("2d");
    if (!canvas || !ctx) return;
    const src = document.createElement("canvas");
    src.width = image.width;
    src.height = image.height;
    src
      .getContext("2d")!
      .putImageData(new ImageData(new Uint8ClampedArray(image.data), image.width, image.height), 0, 0);
    const dpr = globalThis.devicePixelRatio || 1;
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(height * dpr);
    ctx.imageSmoothingQuality = "high";
    ctx.drawImage(src, 0, 0, canvas.width, canvas.height);
  }, [image, width, height]);
  return <canvas ref={ref} style={{ width, height, display: "block" }} role="img" aria-label={label} />;
}
