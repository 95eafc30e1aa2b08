// Whether presentation mode is on: visuals read it to draw larger type and strokes for a projector.
import { createContext, useContext } from "react";

export const PresentingContext = createContext(false);

export function usePresenting(): boolean {
  return useContext(PresentingContext);
}
