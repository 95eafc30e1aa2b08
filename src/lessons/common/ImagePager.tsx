// One image pager for every cell that steps through pictures (data, largest, augment, predict): the cell's IMAGE
// setting, live (numbered from 1 in the URL and on screen, as people count), so stepping an image updates the
// cell's view and the link without re-running the cell.
import type { ReactNode } from "react";
import { useSetting } from "../../settings";
import { IMAGE } from "../settings";
import { clampIndex } from "./dataset";

/** The cell's current image index (from 0, clamped to n) and a go(j) that wraps around and writes the URL. */
export function useImageIndex(n: number): [number, (j: number) => void] {
  const [image, setImage] = useSetting(IMAGE);
  const k = clampIndex(image - 1, n);
  const go = (j: number) => {
    if (n > 0) setImage((((j % n) + n) % n) + 1);
  };
  return [k, go];
}

interface Props {
  k: number;
  n: number;
  go(j: number): void;
  /** what is being stepped through, for the buttons' names: "image", "validation image" */
  noun?: string;
  /** what the pager says between its arrows (default: "image k of n") */
  children?: ReactNode;
}

/** ← image k of n → */
export function ImagePager({ k, n, go, noun = "image", children }: Props) {
  return (
    <div className="chips" role="group" aria-label={`Choose ${noun === "image" ? "an image" : `a ${noun}`}`}>
      <button type="button" onClick={() => go(k - 1)} aria-label={`Previous ${noun}`}>
        ←
      </button>
      <span data-role="image-name">{children ?? `${noun} ${k + 1} of ${n}`}</span>
      <button type="button" onClick={() => go(k + 1)} aria-label={`Next ${noun}`}>
        →
      </button>
    </div>
  );
}
