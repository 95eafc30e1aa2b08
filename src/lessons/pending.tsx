// What a cell shows before its implementation lands: an honest placeholder, not a fake result.
import type { CellModule } from "./types";

export function pending(what: string): CellModule {
  return {
    sources: [],
    async run(ctx) {
      ctx.render(
        <p className="pending" data-role="pending">
          Coming in a later step: {what}
        </p>,
      );
      return undefined;
    },
  };
}
