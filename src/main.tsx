import { createRoot } from "react-dom/client"; createRoot(document.getElementById("root")!).render(<div data-app="ssd-notebook">hi</div>);
